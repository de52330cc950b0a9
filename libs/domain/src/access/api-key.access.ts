import { ApiKeyScope } from './api-key.events';

export interface ApiKeyGrant {
  readonly scopes: readonly ApiKeyScope[];
  readonly offices: readonly string[] | null;
}

/** Who holds a presented key: its grant and the name it was issued under. */
export interface ApiKeyPrincipal extends ApiKeyGrant {
  readonly keyId: string;
  readonly name: string;
}

export type AccessVerdict = 'allowed' | 'scope-missing' | 'office-not-allowed';

/**
 * What a key may do. `officeId` is the office the request touches; a fleet-wide request
 * (no office) by an office-limited key is refused unless `narrowed`: the answer will hold only
 * the key's offices.
 */
export function accessOf(
  grant: ApiKeyGrant,
  need: { readonly scope: ApiKeyScope; readonly officeId?: string; readonly narrowed?: boolean },
): AccessVerdict {
  if (!grant.scopes.includes('admin') && !grant.scopes.includes(need.scope)) return 'scope-missing';
  if (grant.offices === null) return 'allowed';
  if (need.officeId === undefined) return need.narrowed ? 'allowed' : 'office-not-allowed';
  return grant.offices.includes(need.officeId) ? 'allowed' : 'office-not-allowed';
}

/** Whether the key may see this office at all: lists are narrowed with it. */
export const mayTouchOffice = (grant: ApiKeyGrant, officeId: string): boolean =>
  grant.offices === null || grant.offices.includes(officeId);
