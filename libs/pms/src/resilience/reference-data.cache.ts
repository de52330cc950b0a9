import { LRUCache } from 'lru-cache';

type ReferenceData = 'providers' | 'locations';

/**
 * One office's providers and locations, which change rarely and are read on every availability
 * and booking screen. Caches the promise, so concurrent callers share one request; a failure is
 * dropped at once rather than cached.
 */
export class ReferenceDataCache {
  private readonly entries: LRUCache<ReferenceData, Promise<readonly unknown[]>> | undefined;

  /** `ttlMs` 0 caches nothing (lru-cache would read 0 as "never expires"). */
  constructor(ttlMs: number) {
    this.entries = ttlMs > 0 ? new LRUCache({ max: 2, ttl: ttlMs }) : undefined;
  }

  async get<T>(key: ReferenceData, load: () => Promise<T[]>): Promise<T[]> {
    const entries = this.entries;
    if (!entries) return load();
    let pending = entries.get(key) as Promise<readonly T[]> | undefined;
    if (!pending) {
      const loading = load();
      pending = loading;
      entries.set(key, loading);
      loading.catch(() => {
        if (entries.get(key) === loading) entries.delete(key);
      });
    }
    // A copy: a caller that sorts or filters in place must not change what others get.
    return [...(await pending)];
  }
}
