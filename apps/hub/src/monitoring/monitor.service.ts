import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PmsHealth } from '@pms-hub/pms';
import { HUB_CONFIG, HubConfig } from '../platform/config/hub.config';
import { HUB_METRICS, HubMetrics } from '../platform/metrics/hub.metrics';
import { Office, OfficeDirectory } from '../offices/office-directory';
import { UnknownOfficeError } from '../offices/unknown-office.error';
import { RecordHealthCheckCommand } from './commands/record-health-check/record-health-check.command';
import { Semaphore } from './semaphore';

/** One monitored office's loop; a loop only reschedules itself while it is still the office's. */
interface Loop {
  timer?: NodeJS.Timeout;
}

/**
 * Checks the health of each monitored office's PMS on its own loop: check, record, wait the
 * interval (±10 % jitter, so offices started together drift apart), check again. A slow PMS
 * delays only its own next check; at most `concurrency` checks are in flight across offices.
 */
@Injectable()
export class MonitorService {
  private readonly logger = new Logger('health-monitor');
  private readonly gate: Semaphore;
  private readonly loops = new Map<string, Loop>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Set by start(): offices registered later are monitored as they come. */
  private monitoringAll = false;

  constructor(
    private readonly offices: OfficeDirectory,
    private readonly commandBus: CommandBus,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'monitor'>,
    @Optional() @Inject(HUB_METRICS) private readonly metrics?: HubMetrics,
  ) {
    this.gate = new Semaphore(config.monitor.concurrency);
    offices.onServed((officeId, isNew) => {
      if (isNew && this.monitoringAll) this.startOffice(officeId);
    });
  }

  /** Monitors every office, and each one registered later; offices already monitored keep their loop. */
  start(): void {
    this.monitoringAll = true;
    for (const officeId of this.offices.ids()) this.startOffice(officeId);
  }

  /** Stops every loop and waits for the checks in flight to be recorded. */
  async stop(): Promise<void> {
    this.monitoringAll = false;
    for (const officeId of [...this.loops.keys()]) this.stopOffice(officeId);
    await Promise.allSettled([...this.inFlight]);
  }

  /** The first check runs at once: a status needs several checks, so it should not wait. */
  startOffice(officeId: string): void {
    this.office(officeId);
    if (this.loops.has(officeId)) return;
    const loop: Loop = {};
    this.loops.set(officeId, loop);
    this.schedule(officeId, loop, 0);
  }

  monitored(officeId: string): boolean {
    return this.loops.has(officeId);
  }

  /** A check in flight is still recorded; no further one starts. */
  stopOffice(officeId: string): void {
    this.office(officeId);
    clearTimeout(this.loops.get(officeId)?.timer);
    this.loops.delete(officeId);
  }

  /** Checks one office (or all) now, monitored or not; resolves once the results are recorded. */
  async refresh(officeId?: string): Promise<void> {
    const ids = officeId === undefined ? this.offices.ids() : [this.office(officeId).officeId];
    await Promise.all(ids.map((id) => this.track(this.checkAndRecord(id))));
  }

  private schedule(officeId: string, loop: Loop, delayMs: number): void {
    loop.timer = setTimeout(() => {
      void this.track(
        this.checkAndRecord(officeId).catch((error: Error) =>
          this.logger.error(`health check of office ${officeId} not recorded: ${error.message}`),
        ),
      ).then(() => {
        if (this.loops.get(officeId) === loop) this.schedule(officeId, loop, this.nextDelay());
      });
    }, delayMs);
    // A pending check must not keep the process alive on its own.
    loop.timer.unref();
  }

  private async checkAndRecord(officeId: string): Promise<void> {
    const { adapter } = this.office(officeId);
    let checkedAt = '';
    const health = await this.gate.run(async (): Promise<PmsHealth> => {
      checkedAt = new Date().toISOString();
      // Timed inside the gate: waiting for a free slot is the hub's queue, not the PMS's answer.
      const started = performance.now();
      const result = await adapter.checkHealth();
      this.metrics?.monitorCheck(adapter.pmsType, (performance.now() - started) / 1000);
      return result;
    });
    await this.commandBus.execute(
      new RecordHealthCheckCommand(officeId, adapter.pmsType, health, checkedAt),
    );
  }

  private track(run: Promise<void>): Promise<void> {
    this.inFlight.add(run);
    const done = () => void this.inFlight.delete(run);
    run.then(done, done);
    return run;
  }

  private nextDelay(): number {
    return Math.round(this.config.monitor.intervalMs * (0.9 + Math.random() * 0.2));
  }

  private office(officeId: string): Office {
    const office = this.offices.find(officeId);
    if (!office) throw new UnknownOfficeError(officeId);
    return office;
  }
}
