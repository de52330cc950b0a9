import { PmsError, PmsErrorKind } from '@pms-hub/pms';
import { PmsErrorVerdict, verdictOf } from './pms-error-verdict';

describe('what a PMS error means for a write', () => {
  it.each<[PmsErrorKind, number | undefined, PmsErrorVerdict]>([
    ['conflict', 409, 'rejected'],
    ['invalid', 400, 'rejected'],
    ['invalid', 404, 'rejected'],
    ['invalid', 408, 'failed'],
    ['invalid', 429, 'failed'],
    ['auth', 401, 'failed'],
    ['unreachable', undefined, 'failed'],
    ['unknown-outcome', 503, 'unknown'],
    ['unknown-outcome', undefined, 'unknown'],
  ])('%s (%s) → %s', (kind, status, verdict) => {
    expect(verdictOf(new PmsError(kind, 'x', status))).toBe(verdict);
  });
});
