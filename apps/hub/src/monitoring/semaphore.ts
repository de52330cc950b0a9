/** At most `limit` tasks run at once; the others wait their turn, first come first served. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`a semaphore needs a limit of at least 1, got ${limit}`);
    }
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A waiting task takes over this slot, so `active` only drops when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
