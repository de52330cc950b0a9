import { Decider } from '../shared/decider';
import { assertNever, metadataFor } from '../shared/event';
import { MonitorLeaseEvent } from './monitor-lease.events';

/** Holder → when its lease ends (ms since epoch); a released lease is gone. */
export type MonitorLeases = ReadonlyMap<string, number>;

export type MonitorLeaseChange =
  | { readonly kind: 'renew'; readonly holder: string; readonly ttlMs: number }
  | { readonly kind: 'release'; readonly holder: string };

/**
 * The instances monitoring offices, as their leases say. Each renews its lease well within its
 * time to live; one that dies stops renewing and its lease ends, so the others take its offices.
 * The log is appended at any revision: a lease is one holder's own fact, nothing to race for.
 */
export const monitorLeaseDecider: Decider<MonitorLeases, MonitorLeaseChange, MonitorLeaseEvent> = {
  initialState: new Map(),
  decide(change, _leases, context) {
    const metadata = metadataFor(context);
    switch (change.kind) {
      case 'renew': {
        const expiresAt = new Date(Date.parse(context.now) + change.ttlMs).toISOString();
        return [
          {
            type: 'MonitorLeaseRenewed',
            data: { holder: change.holder, renewedAt: context.now, expiresAt },
            metadata,
          },
        ];
      }
      case 'release':
        return [
          {
            type: 'MonitorLeaseReleased',
            data: { holder: change.holder, releasedAt: context.now },
            metadata,
          },
        ];
      default:
        return assertNever(change);
    }
  },
  evolve(leases, event) {
    const next = new Map(leases);
    switch (event.type) {
      case 'MonitorLeaseRenewed':
        next.set(event.data.holder, Date.parse(event.data.expiresAt));
        return next;
      case 'MonitorLeaseReleased':
        next.delete(event.data.holder);
        return next;
      default:
        return assertNever(event);
    }
  },
};

/** The holders whose lease has not ended at `nowMs`, sorted. */
export const liveHolders = (leases: MonitorLeases, nowMs: number): string[] =>
  [...leases].flatMap(([holder, endsMs]) => (endsMs > nowMs ? [holder] : [])).sort();

/**
 * Which of `holders` checks the office: the highest score of (holder, office) wins (rendezvous
 * hashing), so when a holder comes or goes only its own share of the offices moves.
 */
export function ownerOf(officeId: string, holders: readonly string[]): string | undefined {
  let owner: string | undefined;
  let best = -1;
  for (const holder of holders) {
    const score = fnv1a(`${holder}\u0000${officeId}`);
    if (score > best || (score === best && owner !== undefined && holder < owner)) {
      best = score;
      owner = holder;
    }
  }
  return owner;
}

/** 32-bit FNV-1a, then a murmur finaliser so close strings spread apart. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
