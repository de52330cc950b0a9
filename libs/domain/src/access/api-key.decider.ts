import { DecisionContext, assertNever, metadataFor } from '../shared/event';
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

export type ApiKeyDecision =
  | { readonly ok: true; readonly events: ApiKeyEvent[] }
  | { readonly ok: false; readonly reason: 'key-exists' | 'unknown-key' };

/** Every key ever issued, by id, revoked ones included (an audit reads them too). */
export function apiKeysOf(events: readonly ApiKeyEvent[]): Map<string, ApiKeyState> {
  const keys = new Map<string, ApiKeyState>();
  for (const event of events) {
    switch (event.type) {
      case 'ApiKeyIssued':
        keys.set(event.data.keyId, { ...event.data, issuedAt: event.metadata.occurredAt });
        break;
      case 'ApiKeyRevoked': {
        const key = keys.get(event.data.keyId);
        if (key) keys.set(key.keyId, { ...key, revokedAt: event.metadata.occurredAt });
        break;
      }
      default:
        assertNever(event);
    }
  }
  return keys;
}

/** Revoking twice is not an error: the second one changes nothing and records nothing. */
export function decideApiKeys(
  history: readonly ApiKeyEvent[],
  command: ApiKeyCommand,
  context: DecisionContext,
): ApiKeyDecision {
  const key = apiKeysOf(history).get(command.keyId);
  switch (command.kind) {
    case 'issue': {
      if (key) return { ok: false, reason: 'key-exists' };
      const { keyId, name, scopes, offices } = command;
      const data = { keyId, name, scopes, offices };
      return { ok: true, events: [{ type: 'ApiKeyIssued', data, metadata: metadataFor(context) }] };
    }
    case 'revoke': {
      if (!key) return { ok: false, reason: 'unknown-key' };
      if (key.revokedAt) return { ok: true, events: [] };
      const data = { keyId: key.keyId };
      return {
        ok: true,
        events: [{ type: 'ApiKeyRevoked', data, metadata: metadataFor(context) }],
      };
    }
    default:
      return assertNever(command);
  }
}
