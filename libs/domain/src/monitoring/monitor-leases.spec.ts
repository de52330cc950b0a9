import { fold } from '../shared/decider';
import { deterministicContext } from '../shared/deterministic-context.testing';
import { MonitorLeaseEvent } from './monitor-lease.events';
import { liveHolders, monitorLeaseDecider, ownerOf } from './monitor-leases';

const decide = (change: Parameters<typeof monitorLeaseDecider.decide>[0], now: string) =>
  monitorLeaseDecider.decide(change, monitorLeaseDecider.initialState, {
    ...deterministicContext(),
    now,
  });

describe('monitor leases', () => {
  it('renews a lease until now + its time to live, and releases it', () => {
    const renewed = decide(
      { kind: 'renew', holder: 'a', ttlMs: 30_000 },
      '2026-12-04T10:00:00.000Z',
    );
    expect(renewed.map(({ type, data }) => ({ type, data }))).toEqual([
      {
        type: 'MonitorLeaseRenewed',
        data: {
          holder: 'a',
          renewedAt: '2026-12-04T10:00:00.000Z',
          expiresAt: '2026-12-04T10:00:30.000Z',
        },
      },
    ]);
    const released = decide({ kind: 'release', holder: 'a' }, '2026-12-04T10:00:10.000Z');
    const leases = fold(monitorLeaseDecider, [...renewed, ...released] as MonitorLeaseEvent[]);
    expect(leases.size).toBe(0);
  });

  it('counts a holder live until its lease ends', () => {
    const t0 = Date.parse('2026-12-04T10:00:00.000Z');
    const events = [
      ...decide({ kind: 'renew', holder: 'b', ttlMs: 1000 }, new Date(t0).toISOString()),
      ...decide({ kind: 'renew', holder: 'a', ttlMs: 5000 }, new Date(t0).toISOString()),
    ];
    const leases = fold(monitorLeaseDecider, events);
    expect(liveHolders(leases, t0 + 999)).toEqual(['a', 'b']);
    expect(liveHolders(leases, t0 + 1000)).toEqual(['a']);
    expect(liveHolders(leases, t0 + 5000)).toEqual([]);
  });

  it('gives each office one owner, and moves only the leaving holder share when one goes', () => {
    const offices = Array.from({ length: 1000 }, (_, i) => `office-${i}`);
    const three = ['hub-a', 'hub-b', 'hub-c'];
    const before = new Map(offices.map((id) => [id, ownerOf(id, three)]));
    const shares = three.map((h) => offices.filter((id) => before.get(id) === h).length);
    for (const share of shares) expect(share).toBeGreaterThan(250);
    const two = ['hub-a', 'hub-c'];
    for (const id of offices) {
      const owner = ownerOf(id, two);
      if (before.get(id) !== 'hub-b') expect(owner).toBe(before.get(id));
      expect(two).toContain(owner);
    }
    expect(ownerOf('office-1', [])).toBeUndefined();
    expect(ownerOf('office-1', ['solo'])).toBe('solo');
  });
});
