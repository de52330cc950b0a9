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
}

export const DEFAULT_HEALTH_RULES: HealthRules = { degradedAboveMs: 1000, checksToChange: 2 };

/** What one check says on its own; only agreeing checks change the office's status. */
export type CheckVerdict = Exclude<HealthStatus, 'unknown'>;

export interface OfficeHealthState {
  readonly status: HealthStatus;
  /** The verdicts of the latest checks, oldest first, at most `checksToChange` of them. */
  readonly recent: readonly CheckVerdict[];
}

function classifyCheck(check: HealthCheck, rules: HealthRules): CheckVerdict {
  if (!check.healthy) return 'unhealthy';
  return check.responseTimeMs >= rules.degradedAboveMs ? 'degraded' : 'healthy';
}

const INITIAL: OfficeHealthState = { status: 'unknown', recent: [] };

/**
 * Records each check, and a status change when the latest `checksToChange` verdicts, this one
 * included, all name a status other than the current one. One bad check does not flip an
 * office, and a PMS that alternates between success and failure never changes its status.
 * The state is the office's status (the last change, `unknown` before any) and its latest
 * verdicts. Past checks are judged by today's rules: a changed threshold applies from the next
 * check on. Folding a stream in parts, each onto the state of the parts before, gives the state
 * of folding it whole, so a cache of the folded state reads only what follows it.
 */
export function officeHealthDecider(
  rules: HealthRules,
): Decider<OfficeHealthState, HealthCheck, OfficeHealthEvent> {
  assertValid(rules);
  const evolve = (state: OfficeHealthState, event: OfficeHealthEvent): OfficeHealthState => {
    switch (event.type) {
      case 'PmsHealthChecked':
        return {
          status: state.status,
          recent: [...state.recent, classifyCheck(event.data, rules)].slice(-rules.checksToChange),
        };
      case 'OfficeHealthChanged':
        return { status: event.data.to, recent: state.recent };
      default:
        return assertNever(event);
    }
  };
  return {
    initialState: INITIAL,
    decide(check, before, context) {
      const checked: PmsHealthChecked = {
        type: 'PmsHealthChecked',
        data: { ...check, endpoints: check.endpoints.map((endpoint) => ({ ...endpoint })) },
        metadata: metadataFor(context),
      };
      const verdict = classifyCheck(check, rules);
      const { recent } = evolve(before, checked);
      const agreed = recent.length === rules.checksToChange && recent.every((v) => v === verdict);
      // A new office takes its first check's verdict: hysteresis is between known statuses.
      const first = before.status === 'unknown';
      if (before.status === verdict || (!agreed && !first)) return [checked];
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

function assertValid({ degradedAboveMs, checksToChange }: HealthRules): void {
  if (!Number.isInteger(checksToChange) || checksToChange < 1) {
    throw new Error(`checksToChange must be an integer of at least 1, got ${checksToChange}`);
  }
  if (!(degradedAboveMs >= 0)) {
    throw new Error(`degradedAboveMs must be at least 0, got ${degradedAboveMs}`);
  }
}
