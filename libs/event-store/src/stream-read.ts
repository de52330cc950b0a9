import { ReadStreamOptions } from './event-store.port';

/** A stream read's options, checked the same way by every implementation. */
export function checkedStreamRead(
  streamId: string,
  { fromRevision = 0, last }: ReadStreamOptions,
): { fromRevision: number; last?: number } {
  if (!(Number.isInteger(fromRevision) && fromRevision >= 0)) {
    throw new Error(`read ${streamId}: invalid fromRevision ${fromRevision}`);
  }
  if (last !== undefined && !(Number.isInteger(last) && last > 0)) {
    throw new Error(`read ${streamId}: invalid last ${last}`);
  }
  return { fromRevision, ...(last === undefined ? {} : { last }) };
}
