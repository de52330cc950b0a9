import { randomUUID } from 'node:crypto';
import {
  DEFAULT_HEALTH_RULES,
  DecisionContext,
  DomainEvent,
  EndpointCheck,
  OfficeHealthEvent,
  PmsCall,
  fold,
  officeHealthDecider,
  officeHealthStream,
  officeTrafficDecider,
  officeTrafficStream,
} from '@pms-hub/domain';
import { EventStore } from '@pms-hub/event-store';

/**
 * A synthetic monitoring history from the real deciders: health checks with spells of slow and
 * failing answers, and traffic rollups, over more than the 7-day window. For suites that need a
 * store of 100,000+ events in seconds.
 */
const CHECKS_PER_OFFICE = 1400;
const ROLLUPS_PER_OFFICE = 800;
// Both spans exceed the 7-day window, so the live model prunes old rollups as it goes.
const CHECK_EVERY_MS = 10 * 60_000;
const ROLLUP_EVERY_MS = 15 * 60_000;
const START_MS = Date.parse('2030-01-01T00:00:00Z');
export const NOW_MS = START_MS + ROLLUPS_PER_OFFICE * ROLLUP_EVERY_MS;
/** Events per append: big batches keep 100 000 appends to a few seconds. */
const BATCH = 500;
const OPERATIONS = ['getAvailability', 'listProviders', 'searchPatients', 'bookAppointment'];

/** Deterministic, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A decision at `atMs` for `officeId`, with fresh ids. */
export const contextAt = (officeId: string, atMs: number): DecisionContext => ({
  commandId: randomUUID(),
  correlationId: randomUUID(),
  officeId,
  now: new Date(atMs).toISOString(),
  newId: randomUUID,
});

/**
 * Checks from the real decider, with spells of slow and failing answers so statuses change. The
 * decider is given only the last status change and the last checks (all it reads), so producing
 * the history stays linear.
 */
function healthHistory(officeId: string, random: () => number): OfficeHealthEvent[] {
  const history: OfficeHealthEvent[] = [];
  let tail: OfficeHealthEvent[] = [];
  let spell: 'healthy' | 'slow' | 'down' = 'healthy';
  const health = officeHealthDecider(DEFAULT_HEALTH_RULES);
  for (let i = 0; i < CHECKS_PER_OFFICE; i++) {
    if (random() < 0.05) spell = (['healthy', 'slow', 'down'] as const)[Math.floor(random() * 3)];
    const atMs = START_MS + i * CHECK_EVERY_MS;
    const healthy = spell !== 'down';
    const responseTimeMs = Math.round(spell === 'slow' ? 1000 + random() * 2000 : random() * 300);
    const endpoint: EndpointCheck = {
      endpoint: 'GET /api/health',
      healthy,
      responseTimeMs,
      ...(healthy ? { statusCode: 200 } : { statusCode: 503, error: 'dummy: 503 on checkHealth' }),
    };
    const decided = health.decide(
      {
        pmsType: 'dummy',
        healthy,
        responseTimeMs,
        endpoints: [endpoint],
        ...(healthy ? {} : { error: endpoint.error }),
        checkedAt: new Date(atMs).toISOString(),
      },
      fold(health, tail),
      contextAt(officeId, atMs),
    );
    history.push(...decided);
    const lastChange = [...tail, ...decided].filter((e) => e.type === 'OfficeHealthChanged').pop();
    const lastChecks = [...tail, ...decided]
      .filter((e) => e.type === 'PmsHealthChecked')
      .slice(-DEFAULT_HEALTH_RULES.checksToChange);
    tail = lastChange ? [lastChange, ...lastChecks] : lastChecks;
  }
  return history;
}

/** Rollups from the real decider; some intervals are idle and append nothing. */
function trafficHistory(officeId: string, random: () => number): DomainEvent<string, unknown>[] {
  const history: DomainEvent<string, unknown>[] = [];
  for (let i = 0; i < ROLLUPS_PER_OFFICE; i++) {
    const toMs = START_MS + (i + 1) * ROLLUP_EVERY_MS;
    const calls: PmsCall[] = Array.from({ length: Math.floor(random() * 12) }, () => {
      const failed = random() < 0.05;
      return {
        operation: OPERATIONS[Math.floor(random() * OPERATIONS.length)],
        durationMs: 5 + random() * 800,
        outcome: failed ? 'error' : 'ok',
        ...(failed ? { statusCode: random() < 0.5 ? 503 : 409 } : {}),
      };
    });
    history.push(
      ...officeTrafficDecider.decide(
        {
          interval: {
            pmsType: 'dummy',
            from: new Date(toMs - ROLLUP_EVERY_MS).toISOString(),
            to: new Date(toMs).toISOString(),
          },
          calls,
        },
        officeTrafficDecider.initialState,
        contextAt(officeId, toMs),
      ),
    );
  }
  return history;
}

export interface HistoryStream {
  readonly streamId: string;
  readonly events: readonly DomainEvent<string, unknown>[];
}

/** Each office's health and traffic history, from one seed. */
export function monitoringHistory(officeIds: readonly string[], seed = 42): HistoryStream[] {
  const random = seededRandom(seed);
  return officeIds.flatMap((officeId) => [
    { streamId: officeHealthStream(officeId), events: healthHistory(officeId, random) },
    { streamId: officeTrafficStream(officeId), events: trafficHistory(officeId, random) },
  ]);
}

/**
 * Round by round, one batch per stream, so streams interleave in the global order as they would
 * in a running hub; each append expects the revision the previous one left.
 */
export async function appendInterleaved(
  store: EventStore,
  streams: readonly HistoryStream[],
): Promise<void> {
  const revisions = new Map<string, number | 'no_stream'>();
  const longest = Math.max(...streams.map((s) => s.events.length));
  for (let offset = 0; offset < longest; offset += BATCH) {
    for (const { streamId, events } of streams) {
      const batch = events.slice(offset, offset + BATCH);
      if (batch.length === 0) continue;
      const { nextRevision } = await store.append(
        streamId,
        batch.map(({ type, data, metadata }) => ({ id: metadata.eventId, type, data, metadata })),
        revisions.get(streamId) ?? 'no_stream',
      );
      revisions.set(streamId, nextRevision);
    }
  }
}
