import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_HEALTH_RULES,
  HealthCheck,
  OfficeHealthEvent,
  fold,
  officeHealthDecider,
  officeHealthStream,
} from '@pms-hub/domain';
import {
  EventStore,
  ExpectedRevision,
  RecordedEvent,
  WrongExpectedRevisionError,
  createEventStore,
} from '@pms-hub/event-store';
import { PmsHealth } from '@pms-hub/pms';
import { LatestHealthChecks } from '../../read-models/office-health/latest-health-checks';
import { OfficeHealthCache } from './office-health.cache';
import { RecordHealthCheckCommand } from './record-health-check.command';
import { RecordHealthCheckHandler } from './record-health-check.handler';

const OFFICE = 'smile-1';
/** Most cases here are about folding and races: every check recorded keeps them readable. */
const EVERY_CHECK = { ...DEFAULT_HEALTH_RULES, recordEveryMs: 0 };
const HEALTH = officeHealthDecider(EVERY_CHECK);
const handlerOn = (store: EventStore, rules = EVERY_CHECK, latest = new LatestHealthChecks()) =>
  new RecordHealthCheckHandler(store, rules, latest);
const STREAM = officeHealthStream(OFFICE);

type Kind = 'good' | 'bad' | 'slow';
const healthOf = (kind: Kind): PmsHealth => {
  const healthy = kind !== 'bad';
  const responseTimeMs = kind === 'slow' ? 2000 : 40;
  const error = healthy ? undefined : 'dentrix checkHealth for office smile-1: unavailable (503)';
  return {
    healthy,
    responseTimeMs,
    endpoints: [
      {
        endpoint: 'GET /api/health',
        healthy,
        responseTimeMs,
        statusCode: healthy ? 200 : 503,
        ...(error ? { error } : {}),
      },
    ],
    ...(error ? { error } : {}),
  };
};
/** Spells of each kind, with lone odd checks that must not flip the office. */
const PATTERN: Kind[] = ['good', 'good', 'bad', 'good', 'bad', 'bad', 'bad', 'slow', 'slow'];
const kindAt = (i: number): Kind => PATTERN[i % PATTERN.length];
const command = (kind: Kind, i: number, officeId = OFFICE) =>
  new RecordHealthCheckCommand(
    officeId,
    'dentrix',
    healthOf(kind),
    new Date(Date.UTC(2026, 10, 26, 9, 0, i)).toISOString(),
  );

/** What the history-based decider makes of the checks recorded in the stream, in their order. */
function decidedOnWholeHistory(recorded: readonly RecordedEvent[]) {
  const checks = recorded.flatMap((e) => (e.type === 'PmsHealthChecked' ? [e.data] : []));
  return (checks as HealthCheck[])
    .reduce<OfficeHealthEvent[]>(
      (history, check) => [
        ...history,
        ...HEALTH.decide(check, fold(HEALTH, history), {
          commandId: 'c',
          correlationId: 'c',
          officeId: OFFICE,
          now: 'now',
          newId: () => 'id',
        }),
      ],
      [],
    )
    .map(({ type, data }) => ({ type, data }));
}
const changesIn = (events: readonly { type: string; data: unknown }[]) =>
  events.flatMap((e) => (e.type === 'OfficeHealthChanged' ? [e.data] : []));

interface ObservedAppend {
  readonly expected: ExpectedRevision;
  readonly events: number;
  /** Revision of the first event appended; absent when the append lost a race. */
  readonly firstRevision?: number;
}

/** The store, recording what each readStream returned and what each append expected. */
function observe(store: EventStore, beforeAppend?: () => Promise<void>) {
  const reads: { fromRevision?: number; last?: number; events: number }[] = [];
  const appends: ObservedAppend[] = [];
  const observed: EventStore = Object.create(store, {
    readStream: {
      value: async (...args: Parameters<EventStore['readStream']>) => {
        const events = await store.readStream(...args);
        const { fromRevision, last } = args[1] ?? {};
        reads.push({
          ...(fromRevision === undefined ? {} : { fromRevision }),
          ...(last === undefined ? {} : { last }),
          events: events.length,
        });
        return events;
      },
    },
    append: {
      value: async (...[streamId, events, expected]: Parameters<EventStore['append']>) => {
        await beforeAppend?.();
        try {
          const result = await store.append(streamId, events, expected);
          const firstRevision = result.nextRevision - events.length + 1;
          appends.push({ expected, events: events.length, firstRevision });
          return result;
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError) {
            appends.push({ expected, events: events.length });
          }
          throw error;
        }
      },
    },
  });
  return { store: observed, reads, appends };
}

describe('RecordHealthCheckHandler (real embedded store)', () => {
  let dir: string;
  let store: EventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-health-check-'));
    ({ store } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds again from the start when the stream is behind its fold (a restored store)', async () => {
    const fresh = createEventStore({ kind: 'embedded', path: join(dir, 'restored.sqlite') }).store;
    let target = store;
    const swappable: EventStore = {
      append: (...args) => target.append(...args),
      readStream: (...args) => target.readStream(...args),
      readAll: (...args) => target.readAll(...args),
      subscribeToAll: (...args) => target.subscribeToAll(...args),
      countEvents: (...args) => target.countEvents(...args),
      expire: (...args) => target.expire(...args),
      close: async () => undefined,
    };
    const handler = handlerOn(swappable);
    for (let i = 0; i < 3; i++) await handler.execute(command('good', i));
    target = fresh;
    await handler.execute(command('good', 3));
    const restored = await fresh.readStream(STREAM);
    // The restored stream is empty: the check is the office's first again, and decides its status.
    expect(restored.map(({ type, revision }) => [type, revision])).toEqual([
      ['PmsHealthChecked', 0],
      ['OfficeHealthChanged', 1],
    ]);
    await fresh.close();
  });

  it('records what the decider makes of the whole history, with fresh metadata for each check', async () => {
    const handler = handlerOn(store);
    for (let i = 0; i < 50; i++) await handler.execute(command(kindAt(i), i));

    const recorded = await store.readStream(STREAM);
    const expected = decidedOnWholeHistory(recorded);
    expect(recorded.map(({ type, data }) => ({ type, data }))).toEqual(expected);
    expect(recorded.filter((e) => e.type === 'PmsHealthChecked')).toHaveLength(50);
    expect(changesIn(expected)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'unknown', to: 'healthy' }),
        expect.objectContaining({ from: 'healthy', to: 'unhealthy' }),
        expect.objectContaining({ from: 'unhealthy', to: 'degraded' }),
        expect.objectContaining({ from: 'degraded', to: 'healthy' }),
      ]),
    );
    for (const event of recorded) {
      const metadata = event.metadata as Record<string, unknown>;
      expect(metadata).toMatchObject({ eventId: event.id, officeId: OFFICE });
      expect(metadata.correlationId).toBe(metadata.commandId);
      expect(metadata.causationId).toBe(metadata.commandId);
    }
    // A check and the change it caused share one decision; no two decisions share an id.
    const decisions = new Set(recorded.map((e) => (e.metadata as { commandId: string }).commandId));
    expect(decisions.size).toBe(50);
  });

  it("reads the stream's last events once, then only what it has not folded yet", async () => {
    const earlier = handlerOn(store);
    for (let i = 0; i < 12; i++) await earlier.execute(command(kindAt(i), i));
    const before = (await store.readStream(STREAM)).length;

    const { store: observed, reads, appends } = observe(store);
    const handler = handlerOn(observed);
    for (let i = 12; i < 40; i++) await handler.execute(command(kindAt(i), i));

    expect(before).toBeGreaterThan(4);
    expect(reads[0]).toEqual({ last: 4, events: 4 });
    expect(reads.slice(1).map((read) => read.events)).toEqual(Array(27).fill(0));
    // Each read starts right after the last event appended.
    reads.slice(1).forEach(({ fromRevision }, i) => {
      const { firstRevision = NaN, events } = appends[i];
      expect(fromRevision).toBe(firstRevision + events);
    });
    appends.forEach(({ expected, firstRevision = NaN }) =>
      expect(expected).toBe(firstRevision - 1),
    );
    const recorded = await store.readStream(STREAM);
    expect(recorded.map(({ type, data }) => ({ type, data }))).toEqual(
      decidedOnWholeHistory(recorded),
    );
  });

  it('starts a new stream with no_stream', async () => {
    const { store: observed, reads, appends } = observe(store);
    await handlerOn(observed).execute(command('good', 0));

    expect(reads).toEqual([{ last: 4, events: 0 }]);
    // The check, and the status the first check decides.
    expect(appends).toEqual([{ expected: 'no_stream', events: 2, firstRevision: 0 }]);
  });

  it('folds in what another hub appended, before deciding or after losing a race to it', async () => {
    const rival = handlerOn(store);
    let rivalChecks = 0;
    const rivalCheck = () =>
      rival.execute(command(rivalChecks % 3 === 0 ? 'bad' : 'good', 100 + rivalChecks++));
    let races = 0;
    let raceNext = false;
    const {
      store: observed,
      reads,
      appends,
    } = observe(store, async () => {
      if (!raceNext) return;
      raceNext = false;
      races++;
      await rivalCheck();
    });
    const handler = handlerOn(observed);

    for (let i = 0; i < 30; i++) {
      if (i % 5 === 1) await rivalCheck(); // between two of our checks
      raceNext = i % 4 === 2; // between our read and our append
      await handler.execute(command(kindAt(i), i));
    }

    const recorded = await store.readStream(STREAM);
    expect(recorded.filter((e) => e.type === 'PmsHealthChecked')).toHaveLength(30 + rivalChecks);
    expect(recorded.map(({ type, data }) => ({ type, data }))).toEqual(
      decidedOnWholeHistory(recorded),
    );
    // Each race cost one lost append, at the revision read before the rival appended...
    const won = appends.filter((a) => a.firstRevision !== undefined);
    expect(appends.length - won.length).toBe(races);
    expect(races).toBe(7);
    // ...and every append that won expected the revision of the last event before it.
    for (const { expected, firstRevision = NaN } of won) {
      expect(expected).toBe(firstRevision === 0 ? 'no_stream' : firstRevision - 1);
    }
    // Reads brought exactly the rival's events, each once: a check, maybe a change.
    const ourEvents = won.reduce((n, a) => n + a.events, 0);
    expect(reads.reduce((n, read) => n + read.events, 0)).toBe(recorded.length - ourEvents);
    for (const read of reads) expect(read.events).toBeLessThanOrEqual(2);
    expect(reads).toHaveLength(30 + races);
  });

  it('records two concurrent checks of one office, then reads nothing new', async () => {
    const { store: observed, reads } = observe(store);
    const handler = handlerOn(observed);
    await handler.execute(command('good', 0));

    await Promise.all([handler.execute(command('good', 1)), handler.execute(command('good', 2))]);
    reads.length = 0;
    await handler.execute(command('good', 3));

    expect(reads).toEqual([{ fromRevision: 4, events: 0 }]);
    const recorded = await store.readStream(STREAM);
    expect(recorded.map((e) => e.type)).toEqual([
      'PmsHealthChecked',
      'OfficeHealthChanged',
      'PmsHealthChecked',
      'PmsHealthChecked',
      'PmsHealthChecked',
    ]);
  });

  describe('bounded volume (default rules)', () => {
    const DAY_START = Date.UTC(2026, 10, 26);
    const at = (kind: Kind, ms: number) =>
      new RecordHealthCheckCommand(OFFICE, 'dentrix', healthOf(kind), new Date(ms).toISOString());

    it('records a healthy office checked every 30 s at most once a minute: ≤ 1,440 events a day plus changes', async () => {
      const latest = new LatestHealthChecks();
      const handler = handlerOn(store, DEFAULT_HEALTH_RULES, latest);
      const checks = (24 * 60 * 60_000) / 30_000;
      for (let i = 0; i < checks; i++) {
        // ±3 s of jitter, as the monitor spreads its checks.
        await handler.execute(at('good', DAY_START + i * 30_000 + ((i * 7919) % 6000) - 3000));
      }

      const recorded = await store.readStream(STREAM);
      const changes = recorded.filter(({ type }) => type === 'OfficeHealthChanged');
      expect(changes).toHaveLength(1);
      expect(recorded.length).toBeLessThanOrEqual(1440 + changes.length);
      // Nothing lost from the tally: each recorded check carries the checks left out before it.
      const seen = recorded.reduce(
        (n, { type, data }) =>
          type === 'PmsHealthChecked' ? n + 1 + ((data as HealthCheck).unrecorded?.count ?? 0) : n,
        0,
      );
      const lastRecorded = Date.parse((recorded.at(-1)!.data as HealthCheck).checkedAt);
      const after = Math.round((DAY_START + checks * 30_000 - lastRecorded) / 30_000);
      expect(seen + after).toBeGreaterThanOrEqual(checks - 1);
      expect(seen).toBeLessThanOrEqual(checks);
      // The view's source has the very last check, recorded or not.
      expect(latest.get(OFFICE)?.checkedAt).toBe(
        new Date(
          DAY_START + (checks - 1) * 30_000 + (((checks - 1) * 7919) % 6000) - 3000,
        ).toISOString(),
      );
    });

    it('records at once every change of verdict, every status change and every new error', async () => {
      const handler = handlerOn(store, DEFAULT_HEALTH_RULES);
      const kinds: Kind[] = ['good', 'good', 'slow', 'good', 'good', 'good', 'bad', 'bad', 'bad'];
      for (const [i, kind] of kinds.entries()) {
        await handler.execute(at(kind, DAY_START + i * 10_000));
      }
      const recorded = await store.readStream(STREAM);
      const checkedAt = recorded.flatMap(({ type, data }) =>
        type === 'PmsHealthChecked'
          ? [(Date.parse((data as HealthCheck).checkedAt) - DAY_START) / 10_000]
          : [],
      );
      // 1: nothing new; 2: slow; 3, 4: after it; 5: nothing new; 6: bad; 7: the change; 8: nothing new.
      expect(checkedAt).toEqual([0, 2, 3, 4, 6, 7]);
      expect(changesIn(recorded)).toEqual([
        expect.objectContaining({ from: 'unknown', to: 'healthy' }),
        expect.objectContaining({ from: 'healthy', to: 'unhealthy' }),
      ]);
      expect(
        (
          recorded.find(
            ({ data }) =>
              (data as HealthCheck).checkedAt === new Date(DAY_START + 20_000).toISOString(),
          )?.data as HealthCheck
        ).unrecorded,
      ).toEqual({
        count: 1,
        failures: 0,
        minMs: 40,
        maxMs: 40,
        totalMs: 40,
        since: new Date(DAY_START + 10_000).toISOString(),
      });
    });

    it('records one check of an office at a time: concurrent checks are each tallied once', async () => {
      const handler = handlerOn(store, DEFAULT_HEALTH_RULES);
      const second = (s: number) => handler.execute(at('good', DAY_START + s * 1000));
      await second(0);
      await Promise.all([second(30), second(31)]);
      await Promise.all([second(60), second(61)]);
      await second(120);

      const checks = (await store.readStream(STREAM)).flatMap(({ type, data }) =>
        type === 'PmsHealthChecked' ? [data as HealthCheck] : [],
      );
      expect(checks.map(({ unrecorded }) => unrecorded?.count ?? 0)).toEqual([0, 2, 1]);
      expect(checks.reduce((n, { unrecorded }) => n + 1 + (unrecorded?.count ?? 0), 0)).toBe(6);
    });

    it('folds a stream recorded before checks carried their status from the start, once', async () => {
      const legacy = Array.from({ length: 6 }, (_, i) => ({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        type: i === 1 ? 'OfficeHealthChanged' : 'PmsHealthChecked',
        data:
          i === 1
            ? { from: 'unknown', to: 'unhealthy', reason: 'first check failed' }
            : {
                pmsType: 'dentrix',
                ...healthOf('bad'),
                checkedAt: new Date(DAY_START + i).toISOString(),
              },
        metadata: {},
      }));
      await store.append(STREAM, legacy, 'no_stream');
      const { store: observed, reads } = observe(store);
      const handler = handlerOn(observed, EVERY_CHECK);
      await handler.execute(at('bad', DAY_START + 60_000));
      await handler.execute(at('bad', DAY_START + 90_000));

      expect(reads).toEqual([
        { last: 4, events: 4 },
        { fromRevision: 0, events: 6 },
        { fromRevision: 7, events: 0 },
      ]);
      // Still unhealthy: the status came from the change at revision 1, outside the tail.
      expect(changesIn(await store.readStream(STREAM))).toHaveLength(1);
    });
  });
});

describe('OfficeHealthCache', () => {
  it('forgets the least recently checked office beyond its bound, which is then read whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pms-hub-health-cache-'));
    const { store } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') });
    try {
      const writer = handlerOn(store);
      for (let i = 0; i < 3; i++) {
        await writer.execute(command('good', i, 'a'));
        await writer.execute(command('bad', i, 'b'));
      }
      const { store: observed, reads } = observe(store);
      const cache = new OfficeHealthCache(observed, HEALTH, EVERY_CHECK, 1);

      const a = await cache.read('a');
      await cache.read('a');
      await cache.read('b');
      await cache.read('a');

      expect(a).toEqual({
        revision: 3,
        state: {
          status: 'healthy',
          recent: ['healthy', 'healthy'],
          lastRecorded: { checkedAt: command('good', 2).checkedAt },
        },
      });
      expect(reads).toEqual([
        { last: 4, events: 4 },
        { fromRevision: 4, events: 0 },
        { last: 4, events: 4 },
        { last: 4, events: 4 },
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
