import { DomainEvent } from '../shared/event';

/** `admin` grants every scope; `read` and `command` only themselves. */
export const API_KEY_SCOPES = ['read', 'command', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A key was issued. Never the key nor a hash of it: the key is derived from `keyId` under the
 * hub's master key, so only a holder of both can present it.
 */
export type ApiKeyIssued = DomainEvent<
  'ApiKeyIssued',
  {
    readonly keyId: string;
    /** Who or what holds it, e.g. "call-centre bot". */
    readonly name: string;
    readonly scopes: readonly ApiKeyScope[];
    /** The offices it may touch; null: every office. */
    readonly offices: readonly string[] | null;
  }
>;

export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { readonly keyId: string }>;

/** api-keys: one stream for every key, small enough to read whole. */
export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;

export const API_KEYS_STREAM = 'api-keys';
