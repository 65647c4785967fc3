/**
 * Counters and histograms kept as plain numbers, written out as Prometheus text only when scraped.
 * Recording walks one small map per label and adds to a number: no label object is built, hashed
 * or validated per observation, which matters when every upstream call of every query records.
 */

/** A label's value; `undefined` leaves the label out of that series. */
export type LabelValue = string | number | undefined;

interface Node<S> {
  children: Map<LabelValue, Node<S>>;
  series?: S;
}

/** The series of one metric family, found by their label values in a fixed order. */
class SeriesTable<S> {
  private readonly root: Node<S> = { children: new Map() };
  readonly entries: { values: readonly LabelValue[]; series: S }[] = [];

  constructor(private readonly create: () => S) {}

  get(values: readonly LabelValue[]): S {
    let node = this.root;
    for (const value of values) {
      let child = node.children.get(value);
      if (!child) {
        child = { children: new Map() };
        node.children.set(value, child);
      }
      node = child;
    }
    if (node.series === undefined) {
      node.series = this.create();
      this.entries.push({ values: [...values], series: node.series });
    }
    return node.series;
  }
}

/** One metric family as prom-client's registries exchange it between cluster workers (getMetricsAsJSON). */
export interface MetricJson {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  /**
   * How a cluster's primary combines the workers' series: summed, as counts and gauges of work are;
   * `max` for a shared setting, `min` for a flag that holds only when it holds in every worker.
   */
  aggregator: 'sum' | 'max' | 'min';
  values: { labels: Record<string, string | number>; value: number; metricName?: string }[];
}

export abstract class Family {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  abstract expose(): string;

  /** The family for a cluster's primary to sum with the other workers' (see AggregatorRegistry). */
  abstract json(): MetricJson;

  protected jsonOf(
    type: MetricJson['type'],
    values: MetricJson['values'],
    aggregator: MetricJson['aggregator'] = 'sum',
  ): MetricJson {
    return { name: this.name, help: this.help, type, aggregator, values };
  }

  protected labels(
    values: readonly LabelValue[],
    extra?: readonly [string, string],
  ): Record<string, string | number> {
    const labels: Record<string, string | number> = {};
    values.forEach((value, i) => {
      if (value !== undefined) labels[this.labelNames[i] as string] = value;
    });
    if (extra) labels[extra[0]] = extra[1];
    return labels;
  }

  protected header(type: string): string {
    return `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${type}\n`;
  }

  protected sample(
    name: string,
    values: readonly LabelValue[],
    value: number,
    extra?: readonly [string, string],
  ): string {
    const pairs: string[] = [];
    values.forEach((labelValue, i) => {
      if (labelValue !== undefined) pairs.push(`${this.labelNames[i]}="${escapeLabel(String(labelValue))}"`);
    });
    if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
    return `${name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${formatNumber(value)}\n`;
  }
}

/** A monotonic count per label set. */
export class CounterFamily extends Family {
  private readonly table = new SeriesTable(() => ({ value: 0 }));

  inc(values: readonly LabelValue[], by = 1): void {
    this.table.get(values).value += by;
  }

  expose(): string {
    let text = this.header('counter');
    for (const { values, series } of this.table.entries) text += this.sample(this.name, values, series.value);
    return text;
  }

  json(): MetricJson {
    return this.jsonOf(
      'counter',
      this.table.entries.map(({ values, series }) => ({ labels: this.labels(values), value: series.value })),
    );
  }
}

interface HistogramSeries {
  /** Observations per bucket, not yet cumulative: index i counts values in (bound[i-1], bound[i]]. */
  counts: Float64Array;
  sum: number;
  count: number;
}

/** Observations counted into fixed buckets per label set, with their sum and count. */
export class HistogramFamily extends Family {
  private readonly table: SeriesTable<HistogramSeries>;

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly bounds: readonly number[],
  ) {
    super(name, help, labelNames);
    this.table = new SeriesTable(() => ({ counts: new Float64Array(bounds.length + 1), sum: 0, count: 0 }));
  }

  observe(values: readonly LabelValue[], value: number): void {
    const series = this.table.get(values);
    let i = 0;
    while (i < this.bounds.length && value > (this.bounds[i] as number)) i++;
    series.counts[i] = (series.counts[i] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  expose(): string {
    let text = this.header('histogram');
    for (const { values, series } of this.table.entries) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += series.counts[i] ?? 0;
        text += this.sample(`${this.name}_bucket`, values, cumulative, ['le', formatNumber(bound)]);
      });
      text += this.sample(`${this.name}_bucket`, values, series.count, ['le', '+Inf']);
      text += this.sample(`${this.name}_sum`, values, series.sum);
      text += this.sample(`${this.name}_count`, values, series.count);
    }
    return text;
  }

  json(): MetricJson {
    const out: MetricJson['values'] = [];
    for (const { values, series } of this.table.entries) {
      let cumulative = 0;
      const bucket = (le: string, value: number) =>
        out.push({ labels: this.labels(values, ['le', le]), value, metricName: `${this.name}_bucket` });
      this.bounds.forEach((bound, i) => {
        cumulative += series.counts[i] ?? 0;
        bucket(formatNumber(bound), cumulative);
      });
      bucket('+Inf', series.count);
      out.push({ labels: this.labels(values), value: series.sum, metricName: `${this.name}_sum` });
      out.push({ labels: this.labels(values), value: series.count, metricName: `${this.name}_count` });
    }
    return this.jsonOf('histogram', out);
  }
}

/** A value per label set, read fresh at every scrape. */
export class GaugeFamily extends Family {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly read: () => Iterable<readonly [readonly LabelValue[], number]>,
    private readonly aggregator: MetricJson['aggregator'] = 'sum',
  ) {
    super(name, help, labelNames);
  }

  expose(): string {
    let text = this.header('gauge');
    for (const [values, value] of this.read()) text += this.sample(this.name, values, value);
    return text;
  }

  json(): MetricJson {
    return this.jsonOf(
      'gauge',
      [...this.read()].map(([values, value]) => ({ labels: this.labels(values), value })),
      this.aggregator,
    );
  }
}

function escapeHelp(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

function escapeLabel(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
