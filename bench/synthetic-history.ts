/**
 * Synthetic monitoring history for the read-side benches (bench:rebuild, bench:restart): what a
 * hub records for quiet offices, a health check every `checkEveryMs` carrying the status after it
 * (and a status change when two checks in a row disagree with it), a traffic rollup every
 * `rollupEveryMs`. Checks are made here rather than by the health decider, so that millions of
 * events take seconds to make; rollups come from the real traffic decider. Events have the hub's
 * shapes and metadata, and are appended through the store port in big batches, offices
 * interleaved in time order as a running hub leaves them.
 */
import {
  HealthStatus,
  PmsCall,
  PmsHealthChecked,
  OfficeHealthChanged,
  metadataFor,
  officeHealthStream,
  officeTrafficDecider,
  officeTrafficStream,
} from '@pms-hub/domain';
import { EventStore, EventToAppend, ExpectedRevision } from '@pms-hub/event-store';
import { contextAt } from '../test/support/monitoring-history';

type Verdict = Exclude<HealthStatus, 'unknown'>;

/** A spell starts on 1 check in 300; most are healthy. */
const SPELL_START = 1 / 300;
const SPELLS: readonly [Verdict, number][] = [
  ['healthy', 0.8],
  ['degraded', 0.12],
  ['unhealthy', 0.08],
];
const OPERATIONS = ['getAvailability', 'listProviders', 'searchPatients', 'bookAppointment'];
/** Events per stream per append, about: big batches keep millions of events to seconds. */
const BATCH = 250;

interface Office {
  readonly officeId: string;
  status: HealthStatus;
  spell: Verdict;
  previous?: Verdict;
  health: ExpectedRevision;
  traffic: ExpectedRevision;
}

export interface Cadence {
  readonly checkEveryMs: number;
  readonly rollupEveryMs: number;
}

/** Offices' histories, appended a time range at a time: a store can be grown and measured again. */
export class SyntheticHistory {
  private readonly offices: Office[];
  private readonly random: () => number;

  constructor(
    ids: readonly string[],
    private readonly cadence: Cadence,
    seed = 42,
  ) {
    this.offices = ids.map((officeId) => ({
      officeId,
      status: 'unknown',
      spell: 'healthy',
      health: 'no_stream',
      traffic: 'no_stream',
    }));
    // Deterministic, so two runs measure the same store.
    let state = seed;
    this.random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  }

  /** Appends every office's events in [fromMs, toMs); returns how many. */
  async append(store: EventStore, fromMs: number, toMs: number): Promise<number> {
    const spanMs = BATCH * Math.min(this.cadence.checkEveryMs, this.cadence.rollupEveryMs);
    let appended = 0;
    for (let start = fromMs; start < toMs; start += spanMs) {
      const end = Math.min(start + spanMs, toMs);
      for (const office of this.offices) {
        const health = this.checks(office, start, end);
        const traffic = this.rollups(office, start, end);
        office.health = await appendAny(
          store,
          officeHealthStream(office.officeId),
          health,
          office.health,
        );
        office.traffic = await appendAny(
          store,
          officeTrafficStream(office.officeId),
          traffic,
          office.traffic,
        );
        appended += health.length + traffic.length;
      }
    }
    return appended;
  }

  /** The offices by the status their last check left them in: what the health view must show. */
  statusCounts(): Record<HealthStatus, number> {
    const counts = { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0 };
    for (const { status } of this.offices) counts[status]++;
    return counts;
  }

  private checks(office: Office, fromMs: number, toMs: number): EventToAppend[] {
    const events: EventToAppend[] = [];
    const every = this.cadence.checkEveryMs;
    for (let atMs = Math.ceil(fromMs / every) * every; atMs < toMs; atMs += every) {
      if (this.random() < SPELL_START) office.spell = this.pick();
      const verdict = office.spell;
      const before = office.status;
      // Two checks agreeing on another status change it; a new office takes its first verdict.
      if (before === 'unknown' || (verdict !== before && office.previous === verdict)) {
        office.status = verdict;
      }
      office.previous = verdict;
      const context = contextAt(office.officeId, atMs);
      const healthy = verdict !== 'unhealthy';
      const responseTimeMs = Math.round(
        verdict === 'degraded' ? 1000 + this.random() * 2000 : this.random() * 300,
      );
      const error = healthy ? undefined : `dummy checkHealth for office ${office.officeId}: 503`;
      const checked: PmsHealthChecked = {
        type: 'PmsHealthChecked',
        data: {
          pmsType: 'dummy',
          healthy,
          responseTimeMs,
          endpoints: [{ endpoint: 'in-memory', healthy, responseTimeMs, ...(error && { error }) }],
          ...(error && { error }),
          checkedAt: context.now,
          // A quiet office checked every 30 s records every other check, with the one left out.
          unrecorded: {
            count: 1,
            failures: healthy ? 0 : 1,
            minMs: responseTimeMs,
            maxMs: responseTimeMs,
            totalMs: responseTimeMs,
            since: new Date(atMs - 30_000).toISOString(),
          },
          status: office.status,
        },
        metadata: metadataFor(context),
      };
      events.push(toAppend(checked));
      if (office.status !== before) {
        const changed: OfficeHealthChanged = {
          type: 'OfficeHealthChanged',
          data: { from: before, to: office.status, reason: `2 consecutive checks: ${verdict}` },
          metadata: metadataFor(context),
        };
        events.push(toAppend(changed));
      }
    }
    return events;
  }

  private rollups(office: Office, fromMs: number, toMs: number): EventToAppend[] {
    const events: EventToAppend[] = [];
    const every = this.cadence.rollupEveryMs;
    for (let endMs = Math.ceil(fromMs / every) * every; endMs < toMs; endMs += every) {
      const calls: PmsCall[] = Array.from({ length: 1 + Math.floor(this.random() * 6) }, () => ({
        operation: OPERATIONS[Math.floor(this.random() * OPERATIONS.length)],
        durationMs: 5 + this.random() * 800,
        outcome: this.random() < 0.03 ? 'error' : 'ok',
      }));
      const interval = {
        pmsType: 'dummy',
        from: new Date(endMs - every).toISOString(),
        to: new Date(endMs).toISOString(),
      };
      const decided = officeTrafficDecider.decide(
        { interval, calls },
        null,
        contextAt(office.officeId, endMs),
      );
      events.push(...decided.map(toAppend));
    }
    return events;
  }

  private pick(): Verdict {
    let draw = this.random();
    for (const [verdict, weight] of SPELLS) if ((draw -= weight) < 0) return verdict;
    return 'healthy';
  }
}

/** `office-00000`, `office-00001`, ...: ids that sort as they are numbered. */
export const officeIds = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `office-${String(i).padStart(5, '0')}`);

const toAppend = (event: {
  type: string;
  data: unknown;
  metadata: { eventId: string };
}): EventToAppend => ({
  id: event.metadata.eventId,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
});

/** Appends `events` unless there are none; the stream's revision after. */
async function appendAny(
  store: EventStore,
  streamId: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<ExpectedRevision> {
  if (events.length === 0) return expected;
  return (await store.append(streamId, events, expected)).nextRevision;
}
