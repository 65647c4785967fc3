import { request } from 'undici';
import type { FaultOptions } from '../../src/sandbox/kit/index.js';

/** The simulators' control endpoints (/__sandbox/…), by provider id → origin. */
export class SimulatorControl {
  constructor(readonly origins: Record<string, string>) {}

  private async call(origin: string, method: 'GET' | 'POST' | 'PUT', name: string, body?: unknown) {
    const response = await request(`${origin}/__sandbox/${name}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(`${method} /__sandbox/${name} answered ${response.statusCode}: ${text}`);
    return text;
  }

  /** Replaces one simulator's faults; `undefined` clears them. */
  async setFaults(provider: string, faults: FaultOptions | undefined): Promise<void> {
    const origin = this.origins[provider];
    if (!origin) throw new Error(`bench: no simulator for ${provider}`);
    await this.call(origin, 'PUT', 'faults', faults ?? null);
  }

  async setAll(faults: FaultOptions | undefined): Promise<void> {
    await Promise.all(Object.keys(this.origins).map((provider) => this.setFaults(provider, faults)));
  }

  async reset(): Promise<void> {
    await Promise.all(Object.values(this.origins).map((origin) => this.call(origin, 'POST', 'reset')));
  }

  /** Requests each simulator received since the last reset, by provider and operationId. */
  async counts(): Promise<Record<string, Record<string, number>>> {
    const entries = await Promise.all(
      Object.entries(this.origins).map(async ([provider, origin]) => {
        const snapshot = JSON.parse(await this.call(origin, 'GET', 'stats')) as {
          counts: Record<string, number>;
        };
        return [provider, snapshot.counts] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}
