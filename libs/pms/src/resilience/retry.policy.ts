import { ExponentialBackoff, RetryPolicy, handleWhen, retry } from 'cockatiel';
import { PmsError } from '../pms-adapter.port';
import { signalsOutage } from './circuit-breaker.policy';

export interface ReadRetrySettings {
  readonly readRetries: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
}

/**
 * Failures of a read worth another attempt: the PMS was unreachable, slow, failing (5xx, reset),
 * or asked us to come back (408, 429). A refusal of the request itself (4xx, unreadable answer,
 * auth) would only be refused again. Never used for writes: a retried write can double-book.
 */
function isRetryableRead(error: unknown): boolean {
  if (signalsOutage(error)) return true;
  return error instanceof PmsError && (error.statusCode === 408 || error.statusCode === 429);
}

/** Exponential backoff with decorrelated jitter, so offices' retries do not fall into step. */
export function readRetryPolicy(settings: ReadRetrySettings): RetryPolicy {
  return retry(handleWhen(isRetryableRead), {
    maxAttempts: settings.readRetries,
    backoff: new ExponentialBackoff({
      initialDelay: settings.retryBaseDelayMs,
      maxDelay: settings.retryMaxDelayMs,
    }),
  });
}
