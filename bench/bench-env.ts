/** What every bench shares: sizes from the environment, and how a run ends. */

/** An integer from the environment variable `name`, at least `min`; `fallback` when unset. */
export function size(name: string, fallback: number, min = 1): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer of at least ${min}`);
  }
  return value;
}

/** Runs the bench; a failure is printed and makes the exit code 1. */
export function runBench(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((error: Error) => {
      console.error(`bench failed: ${error.stack ?? error.message}`);
      process.exitCode = 1;
    });
}
