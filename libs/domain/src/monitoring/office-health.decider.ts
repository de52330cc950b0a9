import { Decider } from '../shared/decider';
import { assertNever, metadataFor } from '../shared/event';
import {
  HealthCheck,
  HealthStatus,
  OfficeHealthChanged,
  OfficeHealthEvent,
  PmsHealthChecked,
} from './office-health.events';

export interface HealthRules {
  /** A successful check answering in this many milliseconds or more counts as degraded. */
  readonly degradedAboveMs: number;
  /** How many consecutive checks must agree on a new status before the office takes it. */
  readonly checksToChange: number;
  /** A check that says nothing new is recorded once this long after the last recorded; 0: all. */
  readonly recordEveryMs: number;
}

export const DEFAULT_HEALTH_RULES: HealthRules = {
  degradedAboveMs: 1000,
  checksToChange: 2,
  recordEveryMs: 60_000,
};

/** What one check says on its own; only agreeing checks change the office's status. */
export type CheckVerdict = Exclude<HealthStatus, 'unknown'>;

export interface OfficeHealthState {
  readonly status: HealthStatus;
  /** The verdicts of the latest checks, oldest first, at most `checksToChange` of them. */
  readonly recent: readonly CheckVerdict[];
  /** The last recorded check's time and error; null before any. */
  readonly lastRecorded: { readonly checkedAt: string; readonly error?: string } | null;
}

function classifyCheck(check: HealthCheck, rules: HealthRules): CheckVerdict {
  if (!check.healthy) return 'unhealthy';
  return check.responseTimeMs >= rules.degradedAboveMs ? 'degraded' : 'healthy';
}

const INITIAL: OfficeHealthState = { status: 'unknown', recent: [], lastRecorded: null };

/**
 * Records a status change when the latest `checksToChange` verdicts, this one included, all name
 * a status other than the current one. One bad check does not flip an office, and a PMS that
 * alternates between success and failure never changes its status. A new office takes its first
 * check's verdict.
 *
 * A check is recorded when it says something new: a verdict other than the status, a verdict
 * after such a one (so the latest verdicts folded are the true ones), a status change, an error
 * message other than the last recorded; otherwise once `recordEveryMs` after the last recorded,
 * carrying the checks left unrecorded since (`unrecorded`, tallied by the caller). A healthy
 * office checked every 30 s thus records one event a minute.
 *
 * The state is the office's status, its latest verdicts and its last recorded check. Past checks
 * are judged by today's rules. Folding a stream in parts, each onto the state of the parts before,
 * gives the state of folding it whole; and since each recorded check carries the status after
 * it, folding only the stream's last `2 · checksToChange` events from the initial state gives it
 * too (see `tailLength`).
 */
export function officeHealthDecider(
  rules: HealthRules,
): Decider<OfficeHealthState, HealthCheck, OfficeHealthEvent> {
  assertValid(rules);
  const evolve = (state: OfficeHealthState, event: OfficeHealthEvent): OfficeHealthState => {
    switch (event.type) {
      case 'PmsHealthChecked': {
        const { status, checkedAt, error } = event.data;
        return {
          status: status ?? state.status,
          recent: [...state.recent, classifyCheck(event.data, rules)].slice(-rules.checksToChange),
          lastRecorded: error === undefined ? { checkedAt } : { checkedAt, error },
        };
      }
      case 'OfficeHealthChanged':
        return { ...state, status: event.data.to };
      default:
        return assertNever(event);
    }
  };
  return {
    initialState: INITIAL,
    decide(check, before, context) {
      const verdict = classifyCheck(check, rules);
      const recent = [...before.recent, verdict].slice(-rules.checksToChange);
      const agreed = recent.length === rules.checksToChange && recent.every((v) => v === verdict);
      // A new office takes its first check's verdict: hysteresis is between known statuses.
      const first = before.status === 'unknown';
      const changes = before.status !== verdict && (agreed || first);
      if (!changes && !worthRecording(check, verdict, before, rules)) return [];
      const { unrecorded, ...made } = check;
      // A tally from before the last recorded check (another instance recorded since) is stale.
      const since = before.lastRecorded?.checkedAt;
      const fresh = unrecorded && (since === undefined || unrecorded.since > since);
      const checked: PmsHealthChecked = {
        type: 'PmsHealthChecked',
        data: {
          ...made,
          ...(fresh ? { unrecorded } : {}),
          endpoints: check.endpoints.map((endpoint) => ({ ...endpoint })),
          status: changes ? verdict : before.status,
        },
        metadata: metadataFor(context),
      };
      if (!changes) return [checked];
      const reason = first ? firstReason(verdict, check, rules) : reasonFor(verdict, check, rules);
      const changed: OfficeHealthChanged = {
        type: 'OfficeHealthChanged',
        data: { from: before.status, to: verdict, reason },
        metadata: metadataFor(context),
      };
      return [checked, changed];
    },
    evolve,
  };
}

/** How many of a stream's last events fold to its whole state (each check carrying its status). */
export const tailLength = (rules: HealthRules): number => 2 * rules.checksToChange;

function worthRecording(
  check: HealthCheck,
  verdict: CheckVerdict,
  before: OfficeHealthState,
  rules: HealthRules,
): boolean {
  const last = before.lastRecorded;
  return (
    rules.recordEveryMs === 0 ||
    last === null ||
    verdict !== before.status ||
    before.recent.some((earlier) => earlier !== before.status) ||
    check.error !== last.error ||
    Date.parse(check.checkedAt) - Date.parse(last.checkedAt) >= rules.recordEveryMs
  );
}

function firstReason(verdict: CheckVerdict, check: HealthCheck, rules: HealthRules): string {
  switch (verdict) {
    case 'unhealthy':
      return `first check failed: ${check.error ?? 'reported unhealthy'}`;
    case 'degraded':
      return `first check took ${rules.degradedAboveMs} ms or more: ${check.responseTimeMs} ms`;
    case 'healthy':
      return 'first check healthy';
    default:
      return assertNever(verdict);
  }
}

function reasonFor(verdict: CheckVerdict, check: HealthCheck, rules: HealthRules): string {
  const n = rules.checksToChange;
  switch (verdict) {
    case 'unhealthy':
      return `${n} consecutive failed checks; last: ${check.error ?? 'reported unhealthy'}`;
    case 'degraded':
      return `${n} consecutive checks took ${rules.degradedAboveMs} ms or more; last: ${check.responseTimeMs} ms`;
    case 'healthy':
      return `${n} consecutive healthy checks`;
    default:
      return assertNever(verdict);
  }
}

function assertValid({ degradedAboveMs, checksToChange, recordEveryMs }: HealthRules): void {
  if (!(recordEveryMs >= 0)) {
    throw new Error(`recordEveryMs must be at least 0, got ${recordEveryMs}`);
  }
  if (!Number.isInteger(checksToChange) || checksToChange < 1) {
    throw new Error(`checksToChange must be an integer of at least 1, got ${checksToChange}`);
  }
  if (!(degradedAboveMs >= 0)) {
    throw new Error(`degradedAboveMs must be at least 0, got ${degradedAboveMs}`);
  }
}
