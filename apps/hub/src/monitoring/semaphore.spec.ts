import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, in arrival order, and passes results and errors on', async () => {
    const gate = new Semaphore(2);
    const started: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const task = (i: number) => async () => {
      started.push(i);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      if (i === 3) throw new Error('task 3 failed');
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => gate.run(task(i))));
    expect(mostAtOnce).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason.message))).toEqual([
      0,
      1,
      2,
      'task 3 failed',
      4,
      5,
    ]);
    // A failure gave its slot back: the gate is free again.
    expect(await Promise.all([gate.run(async () => 'a'), gate.run(async () => 'b')])).toEqual([
      'a',
      'b',
    ]);
  });

  it('refuses a limit below 1', () => {
    expect(() => new Semaphore(0)).toThrow();
  });
});
