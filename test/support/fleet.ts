import { once } from 'node:events';
import { request } from 'undici';
import { type EntryPoint, startEntryPoint } from './entry-point.js';
import { parsePrometheus } from './prometheus.js';

// Gateway processes started as `npm start` starts them, for the tests of a fleet on one Redis.

/** One gateway process of the fleet, and where it listens. */
export interface Member {
  run: EntryPoint;
  url: string;
}

export interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** One operation on a connection of its own (with WORKERS, the next worker takes it), as `token`'s caller. */
export async function ask(
  member: Member,
  query: string,
  token: string,
  variables?: Record<string, unknown>,
): Promise<Answer> {
  const response = await request(`${member.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const retryAfter = response.headers['retry-after'];
  return {
    status: response.statusCode,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
    body: (await response.body.json()) as Answer['body'],
  };
}

export async function scrape(member: Member) {
  const response = await request(`${member.url}/metrics`, { headers: { connection: 'close' } });
  return parsePrometheus(await response.body.text());
}

/** Whether the process that answers /ready reaches Redis. */
export async function reachesRedis(member: Member): Promise<boolean> {
  const response = await request(`${member.url}/ready`, { headers: { connection: 'close' } });
  return ((await response.body.json()) as { redis?: { ok: boolean } }).redis?.ok === true;
}

/** Asks again until `done` says yes: a message through Redis or its return is a condition, not a sleep. */
export async function until(
  done: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The gateway's entry point as `npm start` runs it, once it listens. */
export async function startMember(env: Record<string, string>): Promise<Member> {
  const run = startEntryPoint(env);
  let url: string | undefined;
  // A gateway that never listens is stopped here: no test holds it yet to stop it after.
  const listening = until(
    () => {
      if (run.child.exitCode !== null) throw new Error(`a gateway exited: ${run.output()}`);
      const line = run
        .output()
        .split('\n')
        .find((l) => l.startsWith('{') && l.includes('"url"'));
      url = line && (JSON.parse(line) as { url: string }).url.replace('localhost', '127.0.0.1');
      return url !== undefined;
    },
    'the gateway listened',
    60_000,
  );
  await listening.catch(async (error: unknown) => {
    await stopMember({ run, url: '' });
    throw error;
  });
  return { run, url: (url ?? '').replace(/\/graphql$/, '') };
}

export async function stopMember(member: Member | undefined): Promise<void> {
  const child = member?.run.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}
