import * as z from 'zod';
import type { Env, EnvVariable } from './provider.js';

const SUFFIX = 'MAX_RECORDS_IN_FLIGHT';

/** `<PREFIX>_MAX_RECORDS_IN_FLIGHT`: one provider's share of MAX_RECORDS_IN_FLIGHT. */
export function admissionShareVariable(prefix: string, label: string): EnvVariable {
  return {
    name: `${prefix}_${SUFFIX}`,
    description: `Most records the operations that may call ${label} hold at once, out of MAX_RECORDS_IN_FLIGHT: when ${label} is slow, its operations wait for this share while those touching only other providers still run. 0 gives it no share of its own.`,
    default: 'half of MAX_RECORDS_IN_FLIGHT',
    example: '500',
  };
}

/** One provider's share of `budget`, or undefined when it has none; the problem instead when the value is bad. */
export function readAdmissionShare(
  env: Env,
  prefix: string,
  budget: number,
): { share: number | undefined; problems: string[] } {
  const name = `${prefix}_${SUFFIX}`;
  const raw = env[name];
  if (raw === undefined || raw === '') return { share: Math.max(1, Math.ceil(budget / 2)), problems: [] };
  const parsed = z.coerce.number().int().min(0).max(1_000_000_000).safeParse(raw);
  if (!parsed.success)
    return {
      share: undefined,
      problems: [
        `${name}: ${parsed.error.issues[0]?.message ?? 'invalid'} (a whole number from 0 to 1000000000)`,
      ],
    };
  return { share: parsed.data > 0 ? parsed.data : undefined, problems: [] };
}

/** The share variable set for a provider that is not configured: it would silently do nothing. */
export function strayAdmissionShare(env: Env, prefix: string, label: string): string[] {
  const name = `${prefix}_${SUFFIX}`;
  return env[name] === undefined || env[name] === ''
    ? []
    : [`${name} is set but ${label} is not configured, so it would not be used`];
}
