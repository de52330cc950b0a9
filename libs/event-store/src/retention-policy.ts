import { RetentionPolicy } from './event-store.port';

/**
 * A retention policy, checked the same way by every implementation. An empty prefix would match
 * every stream, business facts included: it is refused, never read as "everything".
 */
export function checkedRetentionPolicy(policy: RetentionPolicy): RetentionPolicy {
  const { streamPrefixes, maxAgeMs } = policy;
  if (!(Number.isInteger(maxAgeMs) && maxAgeMs > 0)) {
    throw new Error(`retention: invalid maxAgeMs ${maxAgeMs}`);
  }
  const empty = streamPrefixes.findIndex((prefix) => typeof prefix !== 'string' || prefix === '');
  if (empty >= 0) throw new Error(`retention: stream prefix ${empty} is empty`);
  return policy;
}

export const appliesTo = (policy: RetentionPolicy, streamId: string): boolean =>
  policy.streamPrefixes.some((prefix) => streamId.startsWith(prefix));
