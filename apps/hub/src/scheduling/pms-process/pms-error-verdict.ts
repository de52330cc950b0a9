import { assertNever } from '@pms-hub/domain';
import { PmsError } from '@pms-hub/pms';

/**
 * What a PMS error means for a write: a business refusal, a definite failure, or a call that may
 * have landed and must be reconciled before anything is concluded.
 */
export type PmsErrorVerdict = 'rejected' | 'failed' | 'unknown';

export function verdictOf(error: PmsError): PmsErrorVerdict {
  switch (error.kind) {
    case 'conflict':
      return 'rejected';
    case 'invalid':
      // The PMS refused our data; 408 and 429 refuse the moment, not the data.
      return error.statusCode === 408 || error.statusCode === 429 ? 'failed' : 'rejected';
    case 'auth':
    case 'unreachable':
      return 'failed';
    case 'unknown-outcome':
      return 'unknown';
    default:
      return assertNever(error.kind);
  }
}
