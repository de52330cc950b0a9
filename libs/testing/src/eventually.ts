/**
 * Polls `probe` until it answers something other than `false` or `undefined`, and returns that
 * answer. Past `timeoutMs` it fails naming `what`, with the last error the probe threw: suites
 * wait for what they need instead of sleeping a guessed time.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | false | undefined | Promise<T | false | undefined>,
  { timeoutMs = 20_000, everyMs = 20 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const answer = await probe();
      if (answer !== false && answer !== undefined) return answer;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : `: ${String(lastError)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
