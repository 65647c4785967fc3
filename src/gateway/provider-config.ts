import type * as z from 'zod';
import type { Env, EnvVariable, ProviderConfigResult } from './provider.js';

/** One variable of a provider's group, with the schema its value must pass. */
export interface ProviderVariable<T> extends EnvVariable {
  schema: z.ZodType<T>;
  /** True when the provider cannot run without it once any variable of the group is set. */
  required?: boolean;
}

type Values<V extends Record<string, ProviderVariable<unknown>>> = {
  [K in keyof V]: V[K] extends ProviderVariable<infer T> ? T : never;
};

/**
 * Reads a provider's group of variables: absent when none is set, otherwise every value checked
 * and every missing required one named.
 */
export function readVariables<V extends Record<string, ProviderVariable<unknown>>>(
  env: Env,
  variables: V,
): ProviderConfigResult<Values<V>> {
  const entries = Object.entries(variables);
  const raw = (name: string) => (env[name] === '' ? undefined : env[name]);
  if (entries.every(([, v]) => raw(v.name) === undefined)) return { status: 'absent' };
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, variable] of entries) {
    const value = raw(variable.name) ?? variable.default;
    if (value === undefined) {
      if (variable.required)
        problems.push(`${variable.name} is required (${variable.description}), e.g. ${variable.example}`);
      continue;
    }
    const parsed = variable.schema.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else
      problems.push(
        `${variable.name}: ${parsed.error.issues[0]?.message ?? 'invalid'} (${variable.description})`,
      );
  }
  return problems.length > 0
    ? { status: 'invalid', problems }
    : { status: 'configured', config: out as Values<V> };
}
