import { COMMAND_TYPES, CommandStatus, CommandType } from '@pms-hub/domain';
import { CircuitState, PmsType } from '@pms-hub/pms';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { streamCategoryOf } from './stream-category';

export const HUB_METRICS = Symbol('HUB_METRICS');

export type PmsCallOutcome = 'ok' | 'error';

/** Lag is counted by reading the events behind, so the count stops here: far behind is enough. */
export const PROJECTION_LAG_CAP = 10_000;

const COMMAND_STATUSES: readonly CommandStatus[] = ['succeeded', 'rejected', 'failed', 'pending'];

// Prometheus has no enum type: the state is a number, documented in the HELP text.
const CIRCUIT_STATE_VALUES: Readonly<Record<CircuitState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

/**
 * The hub's metrics, in a registry of its own rather than prom-client's global one: several hubs
 * can run in one process (the tests do), and each must report only its own numbers. Labels are
 * office ids, PMS types, operations, command types, outcomes and stream categories: never a
 * commandId, patient field or credential.
 */
export class HubMetrics {
  readonly registry = new Registry();

  private readonly pmsRequestDuration = new Histogram({
    name: 'pms_request_duration_seconds',
    help: 'Duration of each request attempt to an office PMS (cache hits and calls refused by an open circuit excluded)',
    labelNames: ['office', 'pms', 'operation', 'outcome'] as const,
    // PMS answers range from tens of ms to a write's transport timeout.
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly pmsCircuitState = new Gauge({
    name: 'pms_circuit_state',
    help: 'Circuit breaker state of an office PMS: 0 closed, 1 half-open, 2 open',
    labelNames: ['office', 'pms'] as const,
    registers: [this.registry],
  });

  private readonly commands = new Counter({
    name: 'hub_commands_total',
    help: 'Command deliveries carried out or answered, by type and outcome (a re-sent command counts again)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly eventsAppended = new Counter({
    name: 'hub_events_appended_total',
    help: 'Events appended to the event store, by stream category',
    labelNames: ['stream_category'] as const,
    registers: [this.registry],
  });

  private readonly lagSources = new Map<string, (atMost: number) => Promise<number>>();

  private readonly projectionLagEvents = new Gauge({
    name: 'hub_projection_lag_events',
    help: `Events in the store a projection has not applied yet, counted up to ${PROJECTION_LAG_CAP}`,
    labelNames: ['projection'] as const,
    registers: [this.registry],
    // Asked at scrape time rather than tracked on every append: the store already knows.
    collect: async () => {
      await Promise.all(
        [...this.lagSources].map(async ([projection, eventsBehind]) =>
          this.projectionLagEvents.set({ projection }, await eventsBehind(PROJECTION_LAG_CAP)),
        ),
      );
    },
  });

  private readonly monitorCheckDuration = new Histogram({
    name: 'hub_monitor_check_duration_seconds',
    help: 'Duration of each health check the monitor runs against an office PMS',
    labelNames: ['pms'] as const,
    // A check is one light request, up to the adapter's timeout.
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly retentionRuns = new Counter({
    name: 'hub_retention_runs_total',
    help: 'Runs of telemetry retention, by outcome (a failed run is tried again at the next)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly eventsExpired = new Counter({
    name: 'hub_events_expired_total',
    help: 'Telemetry events deleted by retention (embedded store; EventStoreDB deletes them in its own scavenge)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    for (const outcome of ['ok', 'error'] as const) this.retentionRuns.labels(outcome).inc(0);
    // Every series exists from the start, so rate() and absent() work before the first command.
    for (const type of COMMAND_TYPES) {
      for (const outcome of COMMAND_STATUSES) this.commands.labels(type, outcome).inc(0);
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  pmsRequest(
    labels: { office: string; pms: PmsType; operation: string },
    outcome: PmsCallOutcome,
    seconds: number,
  ): void {
    this.pmsRequestDuration.observe({ ...labels, outcome }, seconds);
  }

  circuitState(office: string, pms: PmsType, state: CircuitState): void {
    this.pmsCircuitState.set({ office, pms }, CIRCUIT_STATE_VALUES[state]);
  }

  commandOutcome(type: CommandType, outcome: CommandStatus): void {
    this.commands.inc({ type, outcome });
  }

  /** `eventsBehind` is asked at each scrape, with the most it needs to count. */
  projectionLag(projection: string, eventsBehind: (atMost: number) => Promise<number>): void {
    this.lagSources.set(projection, eventsBehind);
  }

  monitorCheck(pms: PmsType, seconds: number): void {
    this.monitorCheckDuration.observe({ pms }, seconds);
  }

  retentionRun(outcome: 'ok' | 'error', removed = 0): void {
    this.retentionRuns.inc({ outcome });
    this.eventsExpired.inc(removed);
  }

  eventsAppendedTo(streamId: string, count: number): void {
    this.eventsAppended.inc({ stream_category: streamCategoryOf(streamId) }, count);
  }
}
