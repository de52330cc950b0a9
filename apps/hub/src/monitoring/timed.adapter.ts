import { PmsAdapter, PmsError, PmsHealth, PmsOperation, WrappingPmsAdapter } from '@pms-hub/pms';
import { PmsCall } from '@pms-hub/domain';
import { HubMetrics, PmsCallOutcome } from '../platform/metrics/hub.metrics';

/**
 * Times every call that reaches an office's PMS adapter. Placed inside the resilience layer, it
 * sees each attempt (a retried read counts once per attempt) and nothing that never reached the
 * PMS: cache hits, calls refused by an open circuit or a Retry-After hold. A read the resilience
 * layer gave up on is still observed when it ends, with its real duration. `onCall` gets the same
 * observation (the traffic recorder), so both sinks see identical durations; health checks go to
 * the metrics only. Each operation is labelled with its PmsAdapter method name.
 */
export class TimedPmsAdapter extends WrappingPmsAdapter implements PmsAdapter {
  constructor(
    inner: PmsAdapter,
    private readonly officeId: string,
    private readonly metrics: HubMetrics,
    private readonly onCall: (call: PmsCall) => void = () => undefined,
  ) {
    super(inner);
  }

  /**
   * Into the metrics only: health checks are monitoring's own record (the office-health streams),
   * so they never fill the office's traffic windows.
   */
  override async checkHealth(): Promise<PmsHealth> {
    const started = process.hrtime.bigint();
    let outcome: PmsCallOutcome = 'error';
    try {
      const health = await this.inner.checkHealth();
      // checkHealth reports a down PMS instead of throwing; that is still an error to time.
      outcome = health.healthy ? 'ok' : 'error';
      return health;
    } finally {
      this.metrics.pmsRequest(this.labels('checkHealth'), outcome, msSince(started) / 1000);
    }
  }

  /** Any throw is `error`, a PMS refusal (409, 404) included: it labels the call, not the PMS. */
  protected async around<T>(operation: PmsOperation, call: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    let outcome: PmsCallOutcome = 'error';
    let statusCode: number | undefined;
    try {
      const result = await call();
      outcome = 'ok';
      return result;
    } catch (error) {
      if (error instanceof PmsError) statusCode = error.statusCode;
      throw error;
    } finally {
      this.observe(operation, outcome, started, statusCode);
    }
  }

  private observe(
    operation: PmsOperation,
    outcome: PmsCallOutcome,
    started: bigint,
    statusCode: number | undefined,
  ): void {
    const durationMs = msSince(started);
    this.metrics.pmsRequest(this.labels(operation), outcome, durationMs / 1000);
    this.onCall({
      operation,
      durationMs,
      outcome,
      ...(statusCode === undefined ? {} : { statusCode }),
    });
  }

  private labels(operation: PmsOperation) {
    return { office: this.officeId, pms: this.pmsType, operation };
  }
}

const msSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;
