import { hostname } from 'node:os';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ownerOf } from '@pms-hub/domain';
import { PmsHealth } from '@pms-hub/pms';
import { HUB_CONFIG, HubConfig } from '../platform/config/hub.config';
import { HUB_METRICS, HubMetrics } from '../platform/metrics/hub.metrics';
import { Office, OfficeDirectory } from '../offices/office-directory';
import { UnknownOfficeError } from '../offices/unknown-office.error';
import { RecordHealthCheckCommand } from './commands/record-health-check/record-health-check.command';
import { RecordMonitorLeaseCommand } from './commands/record-monitor-lease/record-monitor-lease.command';
import { MONITOR_MEMBERSHIP, Membership, leaseTiming } from './monitor-membership';
import { Semaphore } from './semaphore';

/** One monitored office's loop; a loop only reschedules itself while it is still the office's. */
interface Loop {
  timer?: NodeJS.Timeout;
}

/** Who checks what, for `GET /monitoring`. */
export interface MonitoringStatus {
  /** This process: HUB_INSTANCE_ID, host and pid. */
  readonly holder: string;
  /** Monitoring every office it owns (start), or only those started one by one. */
  readonly monitoringAll: boolean;
  /** The instances sharing the offices, this one included while it monitors. */
  readonly holders: readonly string[];
  /** The offices this instance checks. */
  readonly offices: readonly string[];
}

/**
 * Checks the health of each monitored office's PMS on its own loop: check, record, wait the
 * interval (±10 % jitter, so offices started together drift apart), check again. A slow PMS
 * delays only its own next check; at most `concurrency` checks are in flight across offices.
 *
 * Instances on one store share the offices: each monitoring instance renews a lease in the store
 * (`monitor-instances`) every `leaseTiming().renewEveryMs`, and checks the offices it owns among
 * the live leases (`ownerOf`, rendezvous hashing). When one dies its lease ends and the others
 * take its offices at their next renewal; when one joins, each gives up the offices it now owns.
 * Alone, an instance owns every office.
 */
@Injectable()
export class MonitorService {
  readonly holder: string;
  private readonly logger = new Logger('health-monitor');
  private readonly gate: Semaphore;
  private readonly loops = new Map<string, Loop>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly lease: { renewEveryMs: number; ttlMs: number };
  /** Started one by one over REST: checked here whoever owns them. */
  private readonly chosen = new Set<string>();
  /** Stopped one by one over REST: not checked here until started again. */
  private readonly refused = new Set<string>();
  private leaseTimer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  /** Set by start(): offices owned, registered later too, are monitored as they come. */
  private monitoringAll = false;

  constructor(
    private readonly offices: OfficeDirectory,
    private readonly commandBus: CommandBus,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'monitor' | 'instanceId'>,
    @Inject(MONITOR_MEMBERSHIP) private readonly membership: Membership,
    @Optional() @Inject(HUB_METRICS) private readonly metrics?: HubMetrics,
  ) {
    this.holder = `${config.instanceId}@${hostname()}#${process.pid}`;
    this.gate = new Semaphore(config.monitor.concurrency);
    this.lease = leaseTiming(config.monitor.intervalMs);
    offices.onServed((officeId, isNew) => {
      if (isNew) this.rebalance([officeId]);
    });
  }

  /**
   * Takes a lease and monitors the offices it owns, and each one registered later; resolves once
   * the leases are read, so a joining instance never checks offices another one owns.
   */
  async start(): Promise<void> {
    const wasMonitoring = this.monitoringAll;
    this.monitoringAll = true;
    this.refused.clear();
    try {
      await this.ticking?.catch(() => undefined);
      await this.tick();
    } catch (error) {
      // No lease taken: monitoring nothing is honest, checking offices others own is not.
      this.monitoringAll = wasMonitoring;
      throw error;
    }
    this.leaseTimer ??= setInterval(() => {
      // A renewal slower than the period is not overlapped: two reads would fold out of order.
      if (this.ticking) return;
      void this.tick().catch((error: Error) =>
        this.logger.error(`monitoring lease not renewed: ${error.message} (retried)`),
      );
    }, this.lease.renewEveryMs);
    this.leaseTimer.unref();
  }

  /** Stops every loop, waits for the checks in flight to be recorded, and gives up the lease. */
  async stop(): Promise<void> {
    const held = this.monitoringAll;
    this.monitoringAll = false;
    clearInterval(this.leaseTimer);
    this.leaseTimer = undefined;
    this.chosen.clear();
    for (const officeId of [...this.loops.keys()]) this.stopLoop(officeId);
    await Promise.allSettled([...this.inFlight]);
    // A renewal in flight lands before the release, never after it.
    await this.ticking?.catch(() => undefined);
    // Released, so the other instances take the offices now rather than when the lease ends.
    if (held) {
      await this.commandBus
        .execute(new RecordMonitorLeaseCommand({ kind: 'release', holder: this.holder }))
        .catch((error: Error) =>
          this.logger.error(`monitoring lease not released: ${error.message} (it ends alone)`),
        );
    }
  }

  /** Checks the office here, whoever owns it. The first check runs at once. */
  startOffice(officeId: string): void {
    this.office(officeId);
    this.refused.delete(officeId);
    this.chosen.add(officeId);
    this.startLoop(officeId);
  }

  /** Checked here, or by another instance that owns it. */
  monitored(officeId: string): boolean {
    if (this.loops.has(officeId)) return true;
    const owner = ownerOf(officeId, this.membership.holders(Date.now()));
    return owner !== undefined && owner !== this.holder;
  }

  /** A check in flight is still recorded; no further one starts here. */
  stopOffice(officeId: string): void {
    this.office(officeId);
    this.chosen.delete(officeId);
    this.refused.add(officeId);
    this.stopLoop(officeId);
  }

  status(): MonitoringStatus {
    return {
      holder: this.holder,
      monitoringAll: this.monitoringAll,
      holders: this.holders(),
      offices: [...this.loops.keys()].sort(),
    };
  }

  /** Checks one office (or all) now, monitored or not; resolves once the results are recorded. */
  async refresh(officeId?: string): Promise<void> {
    const ids = officeId === undefined ? this.offices.ids() : [this.office(officeId).officeId];
    await Promise.all(ids.map((id) => this.track(this.checkAndRecord(id))));
  }

  private tick(): Promise<void> {
    const run = this.renewAndRebalance().finally(() => {
      if (this.ticking === run) this.ticking = undefined;
    });
    this.ticking = run;
    return run;
  }

  private async renewAndRebalance(): Promise<void> {
    if (this.monitoringAll) {
      await this.commandBus.execute(
        new RecordMonitorLeaseCommand({
          kind: 'renew',
          holder: this.holder,
          ttlMs: this.lease.ttlMs,
        }),
      );
    }
    await this.membership.refresh(Date.now());
    this.rebalance(this.offices.ids());
  }

  /** Live leases, and this instance's while it monitors, even before its renewal is read back. */
  private holders(): string[] {
    const holders = this.membership.holders(Date.now());
    return this.monitoringAll && !holders.includes(this.holder)
      ? [...holders, this.holder].sort()
      : holders;
  }

  /** Starts the loops of `officeIds` this instance should check, stops the others'. */
  private rebalance(officeIds: readonly string[]): void {
    const holders = this.holders();
    for (const officeId of officeIds) {
      const owned = this.monitoringAll && ownerOf(officeId, holders) === this.holder;
      const mine = this.chosen.has(officeId) || (owned && !this.refused.has(officeId));
      if (mine) this.startLoop(officeId);
      else this.stopLoop(officeId);
    }
  }

  /** The first check runs at once: a status needs several checks, so it should not wait. */
  private startLoop(officeId: string): void {
    if (this.loops.has(officeId)) return;
    const loop: Loop = {};
    this.loops.set(officeId, loop);
    this.schedule(officeId, loop, 0);
  }

  private stopLoop(officeId: string): void {
    clearTimeout(this.loops.get(officeId)?.timer);
    this.loops.delete(officeId);
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
