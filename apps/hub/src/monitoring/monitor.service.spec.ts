import { CommandBus } from '@nestjs/cqrs';
import { ownerOf } from '@pms-hub/domain';
import { PmsAdapter, PmsHealth } from '@pms-hub/pms';
import { eventually } from '@pms-hub/testing';
import { OfficeDirectory } from '../offices/office-directory';
import { UnknownOfficeError } from '../offices/unknown-office.error';
import { RecordHealthCheckCommand } from './commands/record-health-check/record-health-check.command';
import { RecordMonitorLeaseCommand } from './commands/record-monitor-lease/record-monitor-lease.command';
import { Membership } from './monitor-membership';
import { MonitorService } from './monitor.service';

const HEALTHY: PmsHealth = { healthy: true, responseTimeMs: 5, endpoints: [] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Leases held by other instances, as a test sets them. */
class OtherHolders implements Membership {
  others: string[] = [];
  async refresh(): Promise<void> {}
  holders(): string[] {
    return [...this.others].sort();
  }
}

/** Offices whose checks take a few ms and count how many run at once; a bus that only records. */
function monitorOf(
  officeCount: number,
  concurrency: number,
  intervalMs = 20,
  membership: Membership = new OtherHolders(),
) {
  const officeIds = Array.from({ length: officeCount }, (_, i) => `office-${i}`);
  const probe = { running: 0, mostAtOnce: 0 };
  const fakeAdapter = {
    pmsType: 'dummy',
    async checkHealth(): Promise<PmsHealth> {
      probe.mostAtOnce = Math.max(probe.mostAtOnce, ++probe.running);
      await sleep(5);
      probe.running--;
      return HEALTHY;
    },
  } as unknown as PmsAdapter;
  const offices = new OfficeDirectory(
    officeIds.map((officeId) => ({ officeId, connection: { pmsType: 'dummy' } })),
    () => fakeAdapter,
  );
  const recorded: RecordHealthCheckCommand[] = [];
  const leases: RecordMonitorLeaseCommand[] = [];
  const bus = {
    execute: async (command: RecordHealthCheckCommand | RecordMonitorLeaseCommand) =>
      void (command instanceof RecordMonitorLeaseCommand
        ? leases.push(command)
        : recorded.push(command)),
  } as unknown as CommandBus;
  const monitor = new MonitorService(
    offices,
    bus,
    {
      monitor: { enabled: true, intervalMs, concurrency, recordEveryMs: 60000 },
      instanceId: 'hub-test',
    },
    membership,
  );
  const checksOf = (officeId: string) => recorded.filter((c) => c.officeId === officeId).length;
  return { monitor, probe, recorded, leases, checksOf, officeIds };
}

describe('MonitorService (fake checks, real timers)', () => {
  it('refreshes every office, never more than `concurrency` checks at once, and records each', async () => {
    const { monitor, probe, recorded, officeIds } = monitorOf(20, 3);
    await monitor.refresh();
    expect(probe.mostAtOnce).toBe(3);
    expect(recorded.map((c) => c.officeId).sort()).toEqual([...officeIds].sort());
    expect(recorded[0]).toMatchObject({ pmsType: 'dummy', health: HEALTHY });
    expect(Date.parse(recorded[0].checkedAt)).not.toBeNaN();
  });

  it('checks every office on its interval within the bound, and stops for good', async () => {
    const { monitor, probe, recorded, checksOf, officeIds } = monitorOf(10, 2);
    await monitor.start();
    try {
      await eventually('three checks of every office', () =>
        officeIds.every((id) => checksOf(id) >= 3),
      );
    } finally {
      await monitor.stop();
    }
    expect(probe.mostAtOnce).toBeLessThanOrEqual(2);
    expect(probe.running).toBe(0);
    const afterStop = recorded.length;
    await sleep(100);
    expect(recorded.length).toBe(afterStop);
  });

  it('starts and stops one office without touching the others', async () => {
    const { monitor, checksOf } = monitorOf(2, 2);
    monitor.startOffice('office-0');
    monitor.startOffice('office-0'); // already monitored: still one loop
    try {
      await eventually('office-0 checked three times', () => checksOf('office-0') >= 3);
      expect(checksOf('office-1')).toBe(0);
      monitor.stopOffice('office-0');
      monitor.startOffice('office-1');
      const stoppedAt = checksOf('office-0');
      await eventually('office-1 checked three times', () => checksOf('office-1') >= 3);
      // At most the check in flight when it stopped.
      expect(checksOf('office-0')).toBeLessThanOrEqual(stoppedAt + 1);
    } finally {
      await monitor.stop();
    }
  });

  it('checks only the offices it owns among live leases, takes the rest when they end, and releases its own', async () => {
    const membership = new OtherHolders();
    membership.others = ['hub-other@elsewhere#1'];
    const { monitor, leases, checksOf, officeIds } = monitorOf(40, 4, 20, membership);
    const holders = [monitor.holder, ...membership.others];
    const mine = officeIds.filter((id) => ownerOf(id, holders) === monitor.holder);
    // Rendezvous hashing spreads 40 offices over two holders, neither gets all or none.
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.length).toBeLessThan(35);
    await monitor.start();
    try {
      expect(monitor.status()).toMatchObject({
        offices: [...mine].sort(),
        holders: [...holders].sort(),
      });
      expect(leases[0].change).toEqual({ kind: 'renew', holder: monitor.holder, ttlMs: 300 });
      await eventually('its offices checked', () => mine.every((id) => checksOf(id) >= 2));
      expect(officeIds.filter((id) => checksOf(id) > 0).sort()).toEqual([...mine].sort());

      // The other instance's lease ends: every office is this one's at the next renewal.
      membership.others = [];
      await eventually('every office checked', () => officeIds.every((id) => checksOf(id) > 0));
      expect(monitor.status().offices).toEqual([...officeIds].sort());
    } finally {
      await monitor.stop();
    }
    expect(leases.at(-1)?.change).toEqual({ kind: 'release', holder: monitor.holder });
    expect(monitor.status()).toMatchObject({ monitoringAll: false, offices: [], holders: [] });
  });

  it('refuses an unknown office', async () => {
    const { monitor } = monitorOf(1, 1);
    expect(() => monitor.startOffice('nope')).toThrow(UnknownOfficeError);
    expect(() => monitor.stopOffice('nope')).toThrow(UnknownOfficeError);
    await expect(monitor.refresh('nope')).rejects.toThrow(UnknownOfficeError);
  });
});
