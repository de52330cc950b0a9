import { randomUUID } from 'node:crypto';

/** `count` events to append, each with a fresh id, for suites where only their number matters. */
export const testEvents = (count: number, type = 'TestEvent') =>
  Array.from({ length: count }, () => ({ id: randomUUID(), type, data: {}, metadata: null }));
