# syntax=docker/dockerfile:1
# Build: bundle the gateway and every dependency into dist/ (esbuild, a dev dependency).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
# GraphiQL's tabs: the build embeds them.
COPY examples ./examples
# The build ends by starting the gateway once, in demo mode, to write V8's code cache of it into
# dist/code-cache (a start that reads it compiles almost nothing; src/dist-entry.ts). V8 takes a cache
# only under the Node options it was written under: the run stage's NODE_OPTIONS and command, below.
ENV NODE_OPTIONS=--max-old-space-size=512
RUN npm run build -- --code-cache=--initial-old-space-size=80

# Run: the bundle only (it needs no node_modules), as the unprivileged `node` user.
FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=build /app/dist ./dist
# On a host with gigabytes of memory V8 lets the old generation grow to 4x the live data before a
# full GC. The gateway's live data stays under ~80 MB at 100 connections; under a 512 MB budget V8
# grows it by at most 1.4x, and the gateway asks for 1.5x (src/v8-flags.ts): peak RSS stays under
# 200 MB for some extra GC work under heavy load.
# Raise it for larger containers or upstream accounts (`docker run -e NODE_OPTIONS=...`); under other
# options than the build's the code cache goes unused, which costs each start ~100 ms.
ENV NODE_OPTIONS=--max-old-space-size=512
USER node
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A floor under the old generation's limit, so that a small live heap does not keep a full GC
# running (src/v8-flags.ts says why). V8 reads it only from the command line, not from NODE_OPTIONS.
CMD ["node", "--initial-old-space-size=80", "dist/index.js"]
