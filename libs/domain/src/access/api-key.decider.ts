import { CommandRejected, Decider } from '../shared/decider';
import { assertNever, metadataFor } from '../shared/event';
import { ApiKeyEvent, ApiKeyScope } from './api-key.events';

export interface ApiKeyState {
  readonly keyId: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly offices: readonly string[] | null;
  readonly issuedAt: string;
  readonly revokedAt?: string;
}

export type ApiKeyCommand =
  | {
      readonly kind: 'issue';
      readonly keyId: string;
      readonly name: string;
      readonly scopes: readonly ApiKeyScope[];
      readonly offices: readonly string[] | null;
    }
  | { readonly kind: 'revoke'; readonly keyId: string };

/** Every key ever issued, by id, revoked ones included (an audit reads them too). */
export type ApiKeysState = ReadonlyMap<string, ApiKeyState>;

/**
 * Refuses `key-exists` and `unknown-key`. Revoking twice is not an error: the second one changes
 * nothing and records nothing.
 */
export const apiKeysDecider: Decider<ApiKeysState, ApiKeyCommand, ApiKeyEvent> = {
  initialState: new Map(),
  decide(command, keys, context) {
    const key = keys.get(command.keyId);
    switch (command.kind) {
      case 'issue': {
        if (key) throw new CommandRejected('key-exists', `API key id ${command.keyId}: key-exists`);
        const { keyId, name, scopes, offices } = command;
        const data = { keyId, name, scopes, offices };
        return [{ type: 'ApiKeyIssued', data, metadata: metadataFor(context) }];
      }
      case 'revoke': {
        if (!key)
          throw new CommandRejected('unknown-key', `API key id ${command.keyId}: unknown-key`);
        if (key.revokedAt) return [];
        const data = { keyId: key.keyId };
        return [{ type: 'ApiKeyRevoked', data, metadata: metadataFor(context) }];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(keys, event) {
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'ApiKeyIssued':
        return new Map(keys).set(event.data.keyId, { ...event.data, issuedAt: at });
      case 'ApiKeyRevoked': {
        const key = keys.get(event.data.keyId);
        return key ? new Map(keys).set(key.keyId, { ...key, revokedAt: at }) : keys;
      }
      default:
        return assertNever(event);
    }
  },
};
