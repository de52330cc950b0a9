export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Hands a subscription's failure to `onError`. Without one it is rethrown, so it surfaces as an
 * unhandled rejection instead of being swallowed.
 */
export function reportFailure(error: unknown, onError: ((error: Error) => void) | undefined): void {
  if (!onError) throw toError(error);
  onError(toError(error));
}
