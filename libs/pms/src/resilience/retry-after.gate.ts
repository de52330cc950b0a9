import { setTimeout as sleep } from 'node:timers/promises';

/** The office asked for a pause longer than the caller may wait: the call was not made. */
export class RetryAfterPendingError extends Error {
  constructor(readonly remainingMs: number) {
    super(`rate limited for another ${remainingMs} ms`);
    this.name = 'RetryAfterPendingError';
  }
}

/** The adapter closed while the call waited: the call was not made. */
export class GateClosedError extends Error {
  constructor() {
    super('closed while waiting for Retry-After');
    this.name = 'GateClosedError';
  }
}

/**
 * Holds one office's calls until the instant a 429's Retry-After named, then lets them all
 * through. Other offices have their own gate and are never held by this one.
 */
export class RetryAfterGate {
  private openAt = 0;
  private readonly closing = new AbortController();

  constructor(private readonly maxWaitMs: number) {}

  /** Counted from when the 429 was seen, which is no earlier than when the PMS sent it. */
  holdFor(ms: number): void {
    this.openAt = Math.max(this.openAt, Date.now() + ms);
  }

  /** Resolves once the office may be called; rejects when the wait is too long or on close. */
  async pass(): Promise<void> {
    // Checked again after each wait: another 429 may have moved the instant, and a timer may fire
    // a millisecond before the wall clock says it is time.
    for (let remainingMs = this.remaining(); remainingMs > 0; remainingMs = this.remaining()) {
      if (remainingMs > this.maxWaitMs) throw new RetryAfterPendingError(remainingMs);
      // Aborted on close, so no timer outlives the adapter.
      await sleep(remainingMs, undefined, { signal: this.closing.signal }).catch(() => {
        throw new GateClosedError();
      });
    }
  }

  private remaining(): number {
    return this.openAt - Date.now();
  }

  close(): void {
    this.closing.abort();
  }
}
