import { Logger } from '@nestjs/common';
import { EventStore, ExpiryResult, RetentionPolicy } from '@pms-hub/event-store';
import { RetentionConfig } from '../config/hub.config';
import { HubMetrics } from '../metrics/hub.metrics';
import { TELEMETRY_STREAM_PREFIXES } from './telemetry-streams';

/** The first run waits this long after start (or one interval, if shorter): starting comes first. */
const FIRST_RUN_AFTER_MS = 30_000;

const DAY_MS = 86_400_000;

export type RetentionLog = Pick<Logger, 'log' | 'error'>;

/**
 * Expires old telemetry (`TELEMETRY_STREAM_PREFIXES`) through the store's `expire`: soon after
 * start, then every `everyMs`, one run at a time. Each run costs what was appended since the last
 * one. A failed run is logged and tried again at the next; it never stops the hub.
 */
export class RetentionService {
  private readonly policy: RetentionPolicy;
  private readonly abort = new AbortController();
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly config: RetentionConfig,
    private readonly metrics?: HubMetrics,
    private readonly logger: RetentionLog = new Logger('retention'),
  ) {
    this.policy = { streamPrefixes: TELEMETRY_STREAM_PREFIXES, maxAgeMs: config.maxAgeMs };
  }

  start(): void {
    this.schedule(Math.min(FIRST_RUN_AFTER_MS, this.config.everyMs));
  }

  /** One run now; undefined when it failed (logged) or was stopped before it began. */
  run(): Promise<ExpiryResult | undefined> {
    const run = this.running.then(() => this.expire());
    this.running = run;
    return run;
  }

  /** Stops between two batches and waits for the run in progress, so the store can close. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  private schedule(afterMs: number): void {
    this.timer = setTimeout(() => {
      void this.run().then(() => {
        if (!this.abort.signal.aborted) this.schedule(this.config.everyMs);
      });
    }, afterMs);
    this.timer.unref();
  }

  private async expire(): Promise<ExpiryResult | undefined> {
    if (this.abort.signal.aborted) return undefined;
    const started = performance.now();
    try {
      const result = await this.store.expire(this.policy, { signal: this.abort.signal });
      const ms = Math.round(performance.now() - started);
      this.metrics?.retentionRun('ok', result.removed);
      this.logger.log(describe(result, this.config.maxAgeMs, ms));
      return result;
    } catch (error) {
      this.metrics?.retentionRun('error');
      this.logger.error(
        `telemetry retention failed (tried again in ${interval(this.config.everyMs)}): ${(error as Error).message}`,
      );
      return undefined;
    }
  }
}

/** The banner's line. */
export function retentionSummary(config: RetentionConfig | undefined): string {
  if (!config) return 'retention: off (RETENTION_DAYS=off): telemetry is kept forever';
  return (
    `retention: telemetry (${TELEMETRY_STREAM_PREFIXES.join(', ')}) older than ` +
    `${days(config.maxAgeMs)} days expires, checked every ${interval(config.everyMs)}; ` +
    'commands, offices and API keys are kept'
  );
}

function describe(result: ExpiryResult, maxAgeMs: number, ms: number): string {
  const age = `older than ${days(maxAgeMs)} days`;
  const scanned = result.scanned
    ? ` (positions ${result.scanned.after} to ${result.scanned.upTo})`
    : '';
  const marked = result.streamsMarked
    ? `; $maxAge set on ${result.streamsMarked} streams, the server's scavenge deletes what expired`
    : '';
  return `removed ${result.removed} telemetry events ${age}${scanned}${marked} in ${ms} ms`;
}

const days = (ms: number): number => Math.round((ms / DAY_MS) * 100) / 100;

const interval = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms} ms`);
