import { fold } from '../shared/decider';
import { deciderSpecification } from '../shared/decider-specification.testing';
import { deterministicContext, metadataOf } from '../shared/deterministic-context.testing';
import {
  DEFAULT_HEALTH_RULES,
  HealthRules,
  officeHealthDecider,
  tailLength,
} from './office-health.decider';
import { HealthCheck, OfficeHealthEvent } from './office-health.events';

const T0 = Date.parse('2026-11-26T09:59:59.000Z');
const check = (
  healthy: boolean,
  responseTimeMs = 40,
  atMs = T0,
  error = 'dentrix checkHealth for office o: service unavailable (503)',
): HealthCheck => ({
  pmsType: 'dentrix',
  healthy,
  responseTimeMs,
  endpoints: [
    {
      endpoint: 'GET /api/health',
      healthy,
      responseTimeMs,
      statusCode: healthy ? 200 : 503,
      ...(healthy ? {} : { error }),
    },
  ],
  ...(healthy ? {} : { error }),
  checkedAt: new Date(atMs).toISOString(),
});
const good = () => check(true);
const bad = () => check(false);
const slow = () => check(true, 2000);

const health = officeHealthDecider(DEFAULT_HEALTH_RULES);
const given = deciderSpecification(health);

/** The events these checks recorded, in order. */
function recorded(
  checks: readonly HealthCheck[],
  rules = DEFAULT_HEALTH_RULES,
): OfficeHealthEvent[] {
  const decider = officeHealthDecider(rules);
  return checks.reduce<OfficeHealthEvent[]>(
    (history, c) => [
      ...history,
      ...decider.decide(c, fold(decider, history), deterministicContext()),
    ],
    [],
  );
}
const changes = (events: readonly OfficeHealthEvent[]) =>
  events.flatMap((e) => (e.type === 'OfficeHealthChanged' ? [[e.data.from, e.data.to]] : []));
const statusAfter = (checks: readonly HealthCheck[], rules = DEFAULT_HEALTH_RULES) =>
  fold(officeHealthDecider(rules), recorded(checks, rules)).status;

describe('office health decider', () => {
  it('records a check that says something new as it was made, with the status after it', () => {
    given(recorded([good()]))
      .when(bad())
      .then([
        {
          type: 'PmsHealthChecked',
          data: { ...bad(), status: 'healthy' },
          metadata: metadataOf('evt-1'),
        },
      ]);
  });

  describe('bounded volume: a check that says nothing new waits for the minute', () => {
    const at = (seconds: number) => T0 + seconds * 1000;
    const types = (events: readonly OfficeHealthEvent[]) => events.map(({ type }) => type);

    it('records it only `recordEveryMs` after the last recorded, with the checks left out', () => {
      const history = recorded([check(true, 40, at(0))]);
      given(history)
        .when(check(true, 40, at(30)))
        .then([]);
      given(history)
        .when(check(true, 40, at(59.999)))
        .then([]);
      const since = new Date(at(30)).toISOString();
      const unrecorded = { count: 1, failures: 0, minMs: 40, maxMs: 40, totalMs: 40, since };
      const summary = { ...check(true, 40, at(60)), unrecorded };
      given(history)
        .when(summary)
        .then([
          {
            type: 'PmsHealthChecked',
            data: { ...summary, status: 'healthy' },
            metadata: metadataOf('evt-1'),
          },
        ]);
    });

    it('records every verdict other than the status, and the one after it, at once', () => {
      const events = recorded(
        [0, 30, 60, 90, 120].map((s, i) => check(true, i === 2 ? 2000 : 40, at(s))),
      );
      // 0: the first check and its change; 30: nothing new; 60: slow; 90 and 120: healthy,
      // until the latest verdicts all agree with the status again.
      expect(types(events)).toEqual([
        'PmsHealthChecked',
        'OfficeHealthChanged',
        'PmsHealthChecked',
        'PmsHealthChecked',
        'PmsHealthChecked',
      ]);
      expect(
        events.filter(({ type }) => type === 'PmsHealthChecked').map(({ data }) => data),
      ).toMatchObject([0, 60, 90, 120].map((s) => ({ checkedAt: new Date(at(s)).toISOString() })));
    });

    it('records every status change and every new error message at once', () => {
      const down = (s: number, error?: string) => check(false, 40, at(s), error);
      const events = recorded([
        check(true, 40, at(0)),
        down(10),
        down(20),
        down(30),
        down(40),
        down(50, 'dentrix checkHealth for office o: timed out after 5000 ms'),
        down(55, 'dentrix checkHealth for office o: timed out after 5000 ms'),
      ]);
      expect(changes(events)).toEqual([
        ['unknown', 'healthy'],
        ['healthy', 'unhealthy'],
      ]);
      // 10: a failure; 20: the change; 30 and 40: nothing new; 50: a new error; 55: nothing new.
      expect(
        events.flatMap(({ type, data }) =>
          type === 'PmsHealthChecked' ? [(Date.parse(data.checkedAt) - T0) / 1000] : [],
        ),
      ).toEqual([0, 10, 20, 50]);
    });

    it('drops a tally from before the last recorded check (another instance recorded since)', () => {
      const history = recorded([check(true, 40, at(0)), check(true, 2000, at(100))]);
      const stale = { count: 3, failures: 0, minMs: 40, maxMs: 40, totalMs: 120, since: '' };
      stale.since = new Date(at(50)).toISOString();
      const [checked] = health.decide(
        { ...check(true, 40, at(200)), unrecorded: stale },
        fold(health, history),
        deterministicContext(),
      );
      expect(checked.data).not.toHaveProperty('unrecorded');
    });

    it('records every check with `recordEveryMs` 0', () => {
      const all: HealthRules = { ...DEFAULT_HEALTH_RULES, recordEveryMs: 0 };
      const events = recorded([good(), good(), good()], all);
      expect(events.filter(({ type }) => type === 'PmsHealthChecked')).toHaveLength(3);
    });
  });

  it("takes a new office's first verdict at once: hysteresis is between known statuses", () => {
    given([])
      .when(good())
      .then([
        {
          type: 'PmsHealthChecked',
          data: { ...good(), status: 'healthy' },
          metadata: metadataOf('evt-1'),
        },
        {
          type: 'OfficeHealthChanged',
          data: { from: 'unknown', to: 'healthy', reason: 'first check healthy' },
          metadata: metadataOf('evt-2'),
        },
      ]);
    expect(changes(recorded([bad()]))).toEqual([['unknown', 'unhealthy']]);
    expect(recorded([bad()]).at(-1)?.data).toMatchObject({
      reason: expect.stringMatching(/^first check failed: .*service unavailable/),
    });
    expect(statusAfter([slow()])).toBe('degraded');
    expect(recorded([slow()]).at(-1)?.data).toMatchObject({
      reason: 'first check took 1000 ms or more: 2000 ms',
    });
  });

  it('does not flip a healthy office on one bad check', () => {
    const events = recorded([good(), good(), bad()]);
    expect(changes(events)).toEqual([['unknown', 'healthy']]);
    expect(fold(health, events).status).toBe('healthy');
  });

  it('turns unhealthy after two bad checks in a row, saying why', () => {
    const events = recorded([good(), good(), bad(), bad()]);
    expect(changes(events)).toEqual([
      ['unknown', 'healthy'],
      ['healthy', 'unhealthy'],
    ]);
    expect(events.at(-1)?.data).toMatchObject({
      reason: expect.stringMatching(/^2 consecutive failed checks; last: .*service unavailable/),
    });
  });

  it('turns degraded when successful checks answer at or above the threshold', () => {
    expect(statusAfter([good(), good(), slow(), slow()])).toBe('degraded');
    expect(statusAfter([good(), good(), check(true, 999), check(true, 999)])).toBe('healthy');
    expect(statusAfter([good(), good(), check(true, 1000), check(true, 1000)])).toBe('degraded');
    const rules: HealthRules = { ...DEFAULT_HEALTH_RULES, degradedAboveMs: 3000 };
    expect(statusAfter([slow(), slow()], rules)).toBe('healthy');
  });

  it('needs agreeing checks, not just non-healthy ones: slow then failed is no change', () => {
    expect(statusAfter([good(), good(), slow(), bad()])).toBe('healthy');
  });

  it('never changes a healthy office whose checks alternate between success and failure', () => {
    const alternating = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? bad() : good()));
    expect(changes(recorded([good(), good(), ...alternating]))).toEqual([['unknown', 'healthy']]);
    // Starting with a failure: the first check decides, then no two checks agree again.
    expect(changes(recorded(alternating))).toEqual([['unknown', 'unhealthy']]);
  });

  it('recovers only after two good checks in a row', () => {
    const down = [good(), good(), bad(), bad()];
    expect(statusAfter([...down, good()])).toBe('unhealthy');
    expect(statusAfter([...down, good(), bad(), good()])).toBe('unhealthy');
    const events = recorded([...down, good(), good()]);
    expect(changes(events).at(-1)).toEqual(['unhealthy', 'healthy']);
  });

  it('takes the number of agreeing checks from the rules', () => {
    const rules: HealthRules = { ...DEFAULT_HEALTH_RULES, checksToChange: 3 };
    expect(statusAfter([good(), bad(), bad()], rules)).toBe('healthy');
    expect(statusAfter([good(), good(), good(), bad(), bad()], rules)).toBe('healthy');
    expect(statusAfter([good(), good(), good(), bad(), bad(), bad()], rules)).toBe('unhealthy');
    const immediate: HealthRules = { ...DEFAULT_HEALTH_RULES, checksToChange: 1 };
    expect(statusAfter([bad()], immediate)).toBe('unhealthy');
  });

  describe('folding in parts, as a cache of the folded state does', () => {
    const checks = [good(), good(), bad(), slow(), bad(), bad(), good(), slow(), slow(), good()];
    const threeToChange: HealthRules = { ...DEFAULT_HEALTH_RULES, checksToChange: 3 };

    it.each([
      ['default rules', DEFAULT_HEALTH_RULES],
      ['three checks to change', threeToChange],
    ])('gives the state of folding all at once, wherever the stream is cut (%s)', (_, rules) => {
      const decider = officeHealthDecider(rules);
      const events = recorded([...checks, ...checks], rules);
      const whole = fold(decider, events);
      for (let n = 0; n <= events.length; n++) {
        const head = fold(decider, events.slice(0, n));
        expect(fold(decider, events.slice(n), head)).toEqual(whole);
      }
    });

    it.each([
      ['default rules', DEFAULT_HEALTH_RULES],
      ['three checks to change', threeToChange],
      ['every check recorded', { ...DEFAULT_HEALTH_RULES, recordEveryMs: 0 }],
    ])('gives it from the last `tailLength` events alone (%s)', (_, rules) => {
      const decider = officeHealthDecider(rules);
      const spaced = [...checks, ...checks, ...checks].map((c, i) => ({
        ...c,
        checkedAt: new Date(T0 + i * 20_000).toISOString(),
      }));
      const events = recorded(spaced, rules);
      for (let n = 1; n <= events.length; n++) {
        const history = events.slice(0, n);
        expect(fold(decider, history.slice(-tailLength(rules)))).toEqual(fold(decider, history));
      }
    });

    it('decides on the folded state as on the history it was folded from', () => {
      const events = recorded(checks);
      for (let n = 0; n <= events.length; n++) {
        const history = events.slice(0, n);
        const half = Math.floor(n / 2);
        const state = fold(health, history.slice(half), fold(health, history.slice(0, half)));
        for (const next of [good(), bad(), slow()]) {
          given(history)
            .when(next)
            .then(health.decide(next, state, deterministicContext()));
        }
      }
    });
  });

  it('refuses rules that could never or always agree', () => {
    for (const rules of [
      { ...DEFAULT_HEALTH_RULES, checksToChange: 0 },
      { ...DEFAULT_HEALTH_RULES, checksToChange: 1.5 },
      { ...DEFAULT_HEALTH_RULES, degradedAboveMs: -1 },
      { ...DEFAULT_HEALTH_RULES, recordEveryMs: -1 },
    ]) {
      expect(() => officeHealthDecider(rules)).toThrow();
    }
  });
});
