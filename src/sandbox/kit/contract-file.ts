/**
 * Where a provider's OpenAPI document is read at run time. From source this module is
 * src/sandbox/kit/contract-file.ts, two folders below src/providers/; in the bundle (scripts/build.ts)
 * it is part of demo.cjs in the output folder, beside the providers/ folder the build copies there.
 */
export function contractFile(provider: string): URL {
  const providers = import.meta.url.endsWith('.ts') ? '../../providers/' : './providers/';
  return new URL(`${providers}${provider}/openapi.yaml`, import.meta.url);
}
