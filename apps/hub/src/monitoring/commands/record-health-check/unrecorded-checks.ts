import { HealthCheck, UnrecordedChecks } from '@pms-hub/domain';

/** `so far` with one more check left unrecorded. */
export function tallied(soFar: UnrecordedChecks | undefined, check: HealthCheck): UnrecordedChecks {
  const ms = check.responseTimeMs;
  const failed = check.healthy ? 0 : 1;
  if (!soFar) {
    return {
      count: 1,
      failures: failed,
      minMs: ms,
      maxMs: ms,
      totalMs: ms,
      since: check.checkedAt,
    };
  }
  return {
    count: soFar.count + 1,
    failures: soFar.failures + failed,
    minMs: Math.min(soFar.minMs, ms),
    maxMs: Math.max(soFar.maxMs, ms),
    totalMs: soFar.totalMs + ms,
    since: soFar.since,
  };
}
