import { createHash, timingSafeEqual } from 'node:crypto';
import {
  API_KEYS_STREAM,
  ApiKeyEvent,
  ApiKeyPrincipal,
  ApiKeyState,
  ApiKeysState,
  apiKeysDecider,
  fold,
} from '@pms-hub/domain';
import { EventStore, RecordedEvent } from '@pms-hub/event-store';
import { toDomainEvents } from '../platform/event-store/stored-events';
import { ApiKeySigner } from './api-key.signer';

/** HUB_ADMIN_API_KEY: not in the store, so it cannot be revoked there; rotate the variable. */
const ENV_ADMIN: ApiKeyPrincipal = {
  keyId: 'HUB_ADMIN_API_KEY',
  name: 'HUB_ADMIN_API_KEY',
  scopes: ['admin'],
  offices: null,
};
/** Another instance may have issued or revoked keys: re-read the stream at most this stale. */
const FRESH_FOR_MS = 5000;

/** Who holds a presented key, from the api-keys stream (each refresh reads only new events). */
export class ApiKeyRegistry {
  private keys: ApiKeysState = apiKeysDecider.initialState;
  /** How many of the stream's events the keys were folded from: each read asks for the rest. */
  private seen = 0;
  private lastFolded?: string;
  private readAt = 0;
  private reading?: Promise<void>;
  private readonly envAdminDigest?: Buffer;

  constructor(
    private readonly store: EventStore,
    readonly signer: ApiKeySigner,
    envAdminKey?: string,
  ) {
    this.envAdminDigest = envAdminKey === undefined ? undefined : digest(envAdminKey);
  }

  /**
   * Reads the stream now. Not shared with a read already in flight: that one may have started
   * before the issue or revocation the caller just appended.
   */
  async refresh(): Promise<void> {
    // The last event folded comes back first: if it is another one, the store is not the one
    // folded (restored from a backup), and the keys are folded again from the start.
    const recorded = await this.store.readStream(API_KEYS_STREAM, {
      fromRevision: Math.max(this.seen - 1, 0),
    });
    if (this.seen > 0 && recorded[0]?.id !== this.lastFolded) {
      this.keys = apiKeysDecider.initialState;
      this.seen = 0;
      this.foldNew(await this.store.readStream(API_KEYS_STREAM));
    } else {
      this.foldNew(recorded);
    }
    this.readAt = Date.now();
  }

  /** Only what no refresh folded yet: one running beside this one may have folded part of it. */
  private foldNew(recorded: readonly RecordedEvent[]): void {
    const unseen = recorded.filter(({ revision }) => revision >= this.seen);
    if (unseen.length === 0) return;
    this.keys = fold(apiKeysDecider, toDomainEvents<ApiKeyEvent>(unseen), this.keys);
    this.seen = unseen[unseen.length - 1].revision + 1;
    this.lastFolded = unseen[unseen.length - 1].id;
  }

  /** For lookups: concurrent requests with a stale view share one read. */
  private refreshShared(): Promise<void> {
    this.reading ??= this.refresh().finally(() => (this.reading = undefined));
    return this.reading;
  }

  async authenticate(presented: string): Promise<ApiKeyPrincipal | undefined> {
    if (this.envAdminDigest && timingSafeEqual(digest(presented), this.envAdminDigest)) {
      return ENV_ADMIN;
    }
    const keyId = this.signer.keyIdOf(presented);
    if (keyId === undefined) return undefined;
    if (!this.keys.has(keyId) || Date.now() - this.readAt > FRESH_FOR_MS) {
      await this.refreshShared();
    }
    const key = this.keys.get(keyId);
    if (!key || key.revokedAt) return undefined;
    return { keyId, name: key.name, scopes: key.scopes, offices: key.offices };
  }

  list(): ApiKeyState[] {
    return [...this.keys.values()];
  }

  /** Whether an admin key was ever issued in the store (revoked or not): one is printed once. */
  adminKeyIssued(): boolean {
    return this.list().some(({ scopes }) => scopes.includes('admin'));
  }
}

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();
