import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one service, on its own registry (several services may share a test process). */
export class Metrics {
  readonly registry = new Registry();
  private readonly rpcDuration: Histogram<'subject' | 'outcome'>;
  private readonly rpcTotal: Counter<'subject' | 'outcome'>;
  readonly outboxBacklog: Gauge;

  constructor(service: string, options: { defaultMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.rpcDuration = new Histogram({
      name: 'gov_rpc_duration_seconds',
      help: 'Time to answer a NATS request, by subject and outcome (ok or error code)',
      labelNames: ['subject', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.rpcTotal = new Counter({
      name: 'gov_rpc_requests_total',
      help: 'NATS requests answered, by subject and outcome',
      labelNames: ['subject', 'outcome'],
      registers: [this.registry],
    });
    this.outboxBacklog = new Gauge({
      name: 'gov_outbox_backlog',
      help: 'Outbox rows not yet relayed to JetStream',
      registers: [this.registry],
    });
  }

  /** Per subject and outcome, the labelled series, so a request does not hash its labels again. */
  private readonly rpcSeries = seriesCache((subject, outcome) => ({
    duration: this.rpcDuration.labels({ subject, outcome }),
    total: this.rpcTotal.labels({ subject, outcome }),
  }));

  observeRpc(subject: string, outcome: string, seconds: number) {
    const series = this.rpcSeries(subject, outcome);
    series.duration.observe(seconds);
    series.total.inc();
  }
}

/**
 * A metric's labelled series looked up once per label values: prom-client hashes the labels on every
 * `observe({ … })`, which hot paths (every RPC, every HTTP request) need not pay again.
 */
export function seriesCache<S>(make: (...labels: string[]) => S): (...labels: string[]) => S {
  const known = new Map<string, S>();
  return (...labels) => {
    const key = labels.join('\u0000');
    let series = known.get(key);
    if (!series) {
      series = make(...labels);
      known.set(key, series);
    }
    return series;
  };
}
