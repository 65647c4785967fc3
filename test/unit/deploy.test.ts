import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { gatewayEnv } from '../../src/config.js';
import { providers } from '../../src/providers/registry.js';
import { readRepoFile } from '../support/markdown.js';

/**
 * deploy/ is what a fleet copies: every variable, port, probe, label and size in it is checked
 * against the gateway's configuration, its Dockerfile and the other manifests, so that a renamed
 * variable or a changed default breaks this test rather than a rollout.
 */

type Labels = Record<string, string>;
interface Probe {
  httpGet?: { path?: string; port: number | string };
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: object } }[];
  envFrom?: { configMapRef?: object; secretRef?: object }[];
  resources: { limits: { cpu: string | number; memory: string } };
  securityContext?: object;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] } } };
}
/** The fields of the manifests this test reads: each kind has some of them. */
interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    /** A Service's labels, or a Deployment's or budget's `matchLabels`. */
    selector: Labels & { matchLabels?: Labels };
    template: {
      metadata: { labels: Labels };
      spec: { containers: Container[]; securityContext?: object; terminationGracePeriodSeconds: number };
    };
    ports: { port: number; targetPort: number | string }[];
    scaleTargetRef: object;
    metrics: { resource?: { name: string } }[];
    minReplicas: number;
  };
}

interface Manifest {
  file: string;
  doc: Doc;
  /** `deploy/<file>: <Kind>/<name>`, to name it in a failure. */
  where: string;
}

const files = readdirSync(new URL('../../deploy/', import.meta.url)).filter(
  (name) => name.endsWith('.yaml') && name !== 'kustomization.yaml',
);
const manifests: Manifest[] = files.flatMap((file) =>
  parseAllDocuments(readRepoFile(`deploy/${file}`)).map((parsed) => {
    if (parsed.errors.length) throw new Error(`deploy/${file}: ${parsed.errors[0]?.message}`);
    const doc: Doc = parsed.toJS();
    return { file, doc, where: `deploy/${file}: ${doc?.kind}/${doc?.metadata?.name}` };
  }),
);

function only(kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.doc.kind === kind && (!name || m.doc.metadata?.name === name));
  if (found.length !== 1) throw new Error(`deploy/ needs one ${kind}${name ? ` named ${name}` : ''}`);
  return found[0] as Manifest;
}

const packageName: string = JSON.parse(readRepoFile('package.json')).name;
const deployment = only('Deployment', packageName);
const pod = deployment.doc.spec.template;
const gateway = pod.spec.containers.find((c) => c.name === 'gateway');
if (!gateway) throw new Error(`${deployment.where}: needs a container named gateway`);
const container: Container = gateway;
const env = container.env ?? [];
const literal = (name: string) => env.find((e) => e.name === name)?.value;
const variableDefault = (name: string) => gatewayEnv.find((v) => v.name === name)?.default;
const dockerfile = readRepoFile('Dockerfile');

/** The container port a probe or Service names, by number or by the port's name. */
function containerPort(port: number | string | undefined): number | undefined {
  const ports = container.ports ?? [];
  return typeof port === 'number'
    ? ports.find((p) => p.containerPort === port)?.containerPort
    : ports.find((p) => p.name === port)?.containerPort;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return !!selector && Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** A Kubernetes quantity: `2`, `1500m` for CPU; `576Mi`, `1G` for memory, in bytes. */
function quantity(value: string | number): number {
  const match = /^([0-9.]+)(m|Ki|Mi|Gi|k|M|G)?$/.exec(String(value));
  if (!match) return Number.NaN;
  const units: Record<string, number> = {
    m: 1e-3,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    k: 1e3,
    M: 1e6,
    G: 1e9,
  };
  return Number(match[1]) * (match[2] ? (units[match[2]] as number) : 1);
}

/** Names of what a gateway is trusted with: they only ever come from a Secret. */
const CREDENTIAL = /TOKEN|SECRET|PASSWORD|API_KEY|USERNAME/;

describe('deploy/', () => {
  it('lists every manifest in its kustomization', () => {
    const listed: string[] = parseAllDocuments(readRepoFile('deploy/kustomization.yaml'))[0]?.toJS()
      .resources;
    expect(listed.sort(), 'deploy/kustomization.yaml: resources').toEqual([...files].sort());
  });

  it('sets only variables the gateway reads, each to a value it accepts', () => {
    const known = new Map(gatewayEnv.map((v) => [v.name, v.schema]));
    const providerOf = new Map(providers.flatMap((p) => p.env.map((v) => [v.name, p] as const)));
    const problems: string[] = [];
    for (const { name, value, valueFrom } of env) {
      const at = `${deployment.where} env ${name}`;
      if (!known.has(name) && !providerOf.has(name)) problems.push(`${at}: no variable the gateway reads`);
      if ((value === undefined) === (valueFrom === undefined))
        problems.push(`${at}: set either value or valueFrom`);
      const schema = known.get(name);
      if (schema && value !== undefined && !schema.safeParse(value).success)
        problems.push(`${at}: its value is refused by the gateway`);
    }
    // A provider checks its variables together: the literal ones, with the Secret's stood in for.
    for (const provider of providers) {
      const own = env.filter((e) => providerOf.get(e.name) === provider);
      if (!own.length) continue;
      const result = provider.readConfig(Object.fromEntries(own.map((e) => [e.name, e.value ?? 'secret'])));
      if (result.status !== 'invalid') continue;
      for (const e of own.filter((e) => e.value !== undefined))
        if (result.problems.some((problem) => problem.includes(e.name)))
          problems.push(`${deployment.where} env ${e.name}: its value is refused by the gateway`);
    }
    expect(problems).toEqual([]);
  });

  it('takes every credential from a Secret and holds no secret value itself', () => {
    const problems: string[] = [];
    for (const { name, valueFrom } of env)
      if (CREDENTIAL.test(name) && !valueFrom?.secretKeyRef)
        problems.push(`${deployment.where} env ${name}: a credential, to be read with secretKeyRef`);
    for (const source of container.envFrom ?? [])
      if (source.configMapRef) problems.push(`${deployment.where} envFrom: a ConfigMap, not a Secret`);
    for (const m of manifests)
      if (m.doc.kind === 'Secret') problems.push(`${m.where}: a Secret's values do not belong in deploy/`);
    const url = literal('REDIS_URL');
    if (url && new URL(url).password) problems.push(`${deployment.where} env REDIS_URL: holds a password`);
    expect(problems).toEqual([]);
  });

  it('serves PORT on the container port, probed at /health and /ready', () => {
    const port = Number(literal('PORT') ?? variableDefault('PORT'));
    expect(container.ports?.[0]?.containerPort, `${deployment.where} containers[gateway].ports`).toBe(port);
    expect(literal('HOST'), `${deployment.where} env HOST`).toBe('0.0.0.0');
    const probes = { startupProbe: '/health', livenessProbe: '/health', readinessProbe: '/ready' } as const;
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
      const path = probes[probe];
      const get = container[probe]?.httpGet;
      expect(get?.path, `${deployment.where} ${probe}.httpGet.path`).toBe(path);
      expect(containerPort(get?.port), `${deployment.where} ${probe}.httpGet.port`).toBe(port);
    }
  });

  it('gives a pod longer to stop than its preStop and the gateway’s drain take together', () => {
    const drainMs = Number(literal('SHUTDOWN_TIMEOUT_MS') ?? variableDefault('SHUTDOWN_TIMEOUT_MS'));
    const command: string[] = container.lifecycle?.preStop?.exec?.command ?? [];
    const preStopMs = command[0] === 'sleep' ? Number(command[1]) * 1000 : 0;
    // The gateway exits within a second of its drain; two more cover a slow node.
    const needed = preStopMs + drainMs + 1000 + 2000;
    expect(
      pod.spec.terminationGracePeriodSeconds * 1000,
      `${deployment.where} terminationGracePeriodSeconds (preStop ${preStopMs} ms + SHUTDOWN_TIMEOUT_MS ${drainMs} ms + 3 s)`,
    ).toBeGreaterThanOrEqual(needed);
  });

  it('runs one worker per core of its CPU limit, with memory for each worker’s heap', () => {
    const { limits } = container.resources;
    expect(literal('WORKERS'), `${deployment.where} env WORKERS against resources.limits.cpu`).toBe(
      String(quantity(limits.cpu)),
    );
    const heapMb = Number(/--max-old-space-size=(\d+)/.exec(dockerfile)?.[1]);
    expect(heapMb, 'Dockerfile: NODE_OPTIONS=--max-old-space-size').toBeGreaterThan(0);
    expect(
      quantity(limits.memory),
      `${deployment.where} resources.limits.memory against WORKERS x the Dockerfile's heap cap`,
    ).toBeGreaterThan(Number(literal('WORKERS')) * heapMb * 2 ** 20);
  });

  it('runs the Dockerfile’s image as its unprivileged user on a read-only root filesystem', () => {
    expect(container.image.split('/').at(-1)?.split(':')[0], `${deployment.where} image`).toBe(packageName);
    // The node images' `node` user is uid 1000; the kubelet verifies runAsNonRoot only by number.
    expect(/^USER node$/m.test(dockerfile), 'Dockerfile: USER node').toBe(true);
    expect(pod.spec.securityContext, `${deployment.where} securityContext`).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
    });
    expect(
      container.securityContext,
      `${deployment.where} containers[gateway].securityContext`,
    ).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });

  it('points its Service, autoscaler and disruption budget at the gateway’s pods', () => {
    const labels: Record<string, string> = pod.metadata.labels;
    expect(selects(deployment.doc.spec.selector.matchLabels, labels), `${deployment.where} selector`).toBe(
      true,
    );
    const service = only('Service', packageName);
    expect(selects(service.doc.spec.selector, labels), `${service.where} selector`).toBe(true);
    for (const [i, port] of service.doc.spec.ports.entries())
      expect(containerPort(port.targetPort), `${service.where} ports[${i}].targetPort`).toBe(
        container.ports?.[0]?.containerPort,
      );
    const hpa = only('HorizontalPodAutoscaler');
    expect(hpa.doc.apiVersion, `${hpa.where} apiVersion`).toBe('autoscaling/v2');
    expect(hpa.doc.spec.scaleTargetRef, `${hpa.where} scaleTargetRef`).toEqual({
      apiVersion: deployment.doc.apiVersion,
      kind: 'Deployment',
      name: deployment.doc.metadata.name,
    });
    expect(
      hpa.doc.spec.metrics.some((m) => m.resource?.name === 'cpu'),
      `${hpa.where} metrics: cpu`,
    ).toBe(true);
    const pdb = only('PodDisruptionBudget');
    expect(selects(pdb.doc.spec.selector?.matchLabels, labels), `${pdb.where} selector`).toBe(true);
    expect(hpa.doc.spec.minReplicas, `${hpa.where} minReplicas, so the budget lets a pod go`).toBeGreaterThan(
      1,
    );
  });

  it('points REDIS_URL at the Redis Service, which selects a Redis pod', () => {
    const url = new URL(literal('REDIS_URL') ?? 'redis://missing');
    const service = only('Service', url.hostname);
    const port = service.doc.spec.ports.find((p) => p.port === Number(url.port || 6379));
    expect(port, `${service.where} ports: the port of REDIS_URL`).toBeDefined();
    const backing = manifests.find(
      (m) =>
        m.doc.kind === 'Deployment' &&
        selects(service.doc.spec.selector, m.doc.spec.template.metadata.labels),
    );
    expect(backing?.doc.spec.template.spec.containers[0]?.image, `${service.where} selector`).toMatch(
      /^redis:/,
    );
  });
});
