import { describe, expect, it } from 'vitest';
import { CounterFamily, GaugeFamily, HistogramFamily } from '../../src/gateway/observability/series.js';

describe('Prometheus text of the gateway’s own series', () => {
  it('writes counters per label set, leaves out labels without a value and escapes the rest', () => {
    const calls = new CounterFamily('calls_total', 'Calls.\nBy route \\ status.', ['route', 'status']);
    calls.inc(['a "b" \\ c', 200]);
    calls.inc(['a "b" \\ c', 200], 2);
    calls.inc(['d\ne', undefined]);
    expect(calls.expose()).toBe(
      [
        '# HELP calls_total Calls.\\nBy route \\\\ status.',
        '# TYPE calls_total counter',
        'calls_total{route="a \\"b\\" \\\\ c",status="200"} 3',
        'calls_total{route="d\\ne"} 1',
        '',
      ].join('\n'),
    );
  });

  it('writes cumulative buckets, +Inf, sum and count', () => {
    const seconds = new HistogramFamily('took_seconds', 'Time.', ['route'], [0.1, 1]);
    for (const value of [0.05, 0.1, 0.5, 3]) seconds.observe(['a'], value);
    expect(seconds.expose()).toBe(
      [
        '# HELP took_seconds Time.',
        '# TYPE took_seconds histogram',
        'took_seconds_bucket{route="a",le="0.1"} 2',
        'took_seconds_bucket{route="a",le="1"} 3',
        'took_seconds_bucket{route="a",le="+Inf"} 4',
        'took_seconds_sum{route="a"} 3.65',
        'took_seconds_count{route="a"} 4',
        '',
      ].join('\n'),
    );
  });

  it('reads gauges fresh at every scrape', () => {
    let waiting = 1;
    const gauge = new GaugeFamily('waiting', 'Waiting.', [], () => [[[], waiting]]);
    expect(gauge.expose()).toBe('# HELP waiting Waiting.\n# TYPE waiting gauge\nwaiting 1\n');
    waiting = 0;
    expect(gauge.expose()).toBe('# HELP waiting Waiting.\n# TYPE waiting gauge\nwaiting 0\n');
  });

  it('writes infinite values as the text format spells them', () => {
    const bounds = new GaugeFamily('bound', 'Bound.', ['side'], () => [
      [['upper'], Number.POSITIVE_INFINITY],
      [['lower'], Number.NEGATIVE_INFINITY],
    ]);
    expect(bounds.expose()).toBe(
      '# HELP bound Bound.\n# TYPE bound gauge\nbound{side="upper"} +Inf\nbound{side="lower"} -Inf\n',
    );
  });
});
