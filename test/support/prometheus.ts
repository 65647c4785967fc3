/** One sample line of a Prometheus text exposition. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads a metric's value from a scrape: the sum of every sample whose labels include `labels` (0 when none). */
export type Scrape = (name: string, labels?: Record<string, string>) => number;

export function parsePrometheus(text: string): Scrape {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      if (key !== undefined && value !== undefined) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return (name, wanted = {}) =>
    samples
      .filter(
        (sample) =>
          sample.name === name &&
          Object.entries(wanted).every(([key, value]) => sample.labels[key] === value),
      )
      .reduce((sum, sample) => sum + sample.value, 0);
}

/** The sum of every series of the metric `name` a gateway exposes now, whatever their labels. */
export async function metricSum(
  gateway: { yoga: { fetch(url: string): Promise<Response> | Response } },
  name: string,
): Promise<number> {
  const text = await (await gateway.yoga.fetch('http://gateway.test/metrics')).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}
