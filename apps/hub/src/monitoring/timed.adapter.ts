import { PmsAdapter, PmsError, PmsHealth, PmsOperation, WrappingPmsAdapter } from '@pms-hub/pms';
import { PmsCall } from '@pms-hub/domain';
import { HubMetrics, PmsCallOutcome } from '../platform/metrics/hub.metrics';

/**
 * Times every call that reaches an office's PMS adapter. Placed inside the resilience layer, it
 * sees each attempt (a retried read counts once per attempt) and nothing that never reached the
 * PMS: cache hits, calls refused by an open circuit or a Retry-After hold. A read the resilience
 * layer gave up on is still observed when it ends, with its real duration. `onCall` gets the same
 * observation (the traffic recorder), so both sinks see identical durations. Each operation is
 * labelled with its PmsAdapter method name.
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

  override async checkHealth(): Promise<PmsHealth> {
    const started = process.hrtime.bigint();
    let outcome: PmsCallOutcome = 'error';
    let statusCode: number | undefined;
    try {
      const health = await this.inner.checkHealth();
      // checkHealth reports a down PMS instead of throwing; that is still an error to time.
      outcome = health.healthy ? 'ok' : 'error';
      statusCode = health.endpoints.find((endpoint) => !endpoint.healthy)?.statusCode;
      return health;
    } finally {
      this.observe('checkHealth', outcome, started, statusCode);
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
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const labels = { office: this.officeId, pms: this.pmsType, operation };
    this.metrics.pmsRequest(labels, outcome, durationMs / 1000);
    this.onCall({
      operation,
      durationMs,
      outcome,
      ...(statusCode === undefined ? {} : { statusCode }),
    });
  }
}
