import { fold } from '../shared/decider';
import { deciderSpecification } from '../shared/decider-specification.testing';
import { metadataOf } from '../shared/deterministic-context.testing';
import { accessOf, mayTouchOffice } from './api-key.access';
import { apiKeysDecider } from './api-key.decider';
import { ApiKeyEvent } from './api-key.events';

const issued: ApiKeyEvent = {
  type: 'ApiKeyIssued',
  data: { keyId: 'k1', name: 'call centre', scopes: ['read'], offices: ['a', 'b'] },
  metadata: metadataOf('evt-0'),
};
const revoked: ApiKeyEvent = {
  type: 'ApiKeyRevoked',
  data: { keyId: 'k1' },
  metadata: metadataOf('evt-9'),
};

const given = deciderSpecification(apiKeysDecider);

describe('API keys', () => {
  it('issues a key', () => {
    const command = {
      kind: 'issue',
      keyId: 'k1',
      name: 'call centre',
      scopes: ['read'],
      offices: ['a', 'b'],
    } as const;
    given([])
      .when(command)
      .then([{ ...issued, metadata: metadataOf('evt-1') }]);
  });

  it('refuses to issue a key id twice', () => {
    const command = {
      kind: 'issue',
      keyId: 'k1',
      name: 'x',
      scopes: ['admin'],
      offices: null,
    } as const;
    given([issued]).when(command).thenRejects('key-exists');
  });

  it('revokes an issued key once; a second revocation records nothing', () => {
    given([issued])
      .when({ kind: 'revoke', keyId: 'k1' })
      .then([{ ...revoked, metadata: metadataOf('evt-1') }]);
    given([issued, revoked]).when({ kind: 'revoke', keyId: 'k1' }).thenNothing();
  });

  it('refuses to revoke a key never issued', () => {
    given([]).when({ kind: 'revoke', keyId: 'k9' }).thenRejects('unknown-key');
  });

  it('folds issue and revocation times from the events', () => {
    expect(fold(apiKeysDecider, [issued, revoked]).get('k1')).toMatchObject({
      issuedAt: metadataOf('evt-0').occurredAt,
      revokedAt: metadataOf('evt-9').occurredAt,
    });
  });
});

describe('API key access', () => {
  const reader = { scopes: ['read'] as const, offices: ['a', 'b'] };
  const admin = { scopes: ['admin'] as const, offices: null };

  it('needs the scope, which admin implies', () => {
    expect(accessOf(reader, { scope: 'command', officeId: 'a' })).toBe('scope-missing');
    expect(accessOf(reader, { scope: 'read', officeId: 'a' })).toBe('allowed');
    expect(accessOf(admin, { scope: 'command', officeId: 'z' })).toBe('allowed');
  });

  it('limits an office-scoped key to its offices', () => {
    expect(accessOf(reader, { scope: 'read', officeId: 'c' })).toBe('office-not-allowed');
    expect(mayTouchOffice(reader, 'c')).toBe(false);
    expect(mayTouchOffice(admin, 'c')).toBe(true);
  });

  it('lets an office-scoped key read fleet-wide views only when they are narrowed to its offices', () => {
    expect(accessOf(reader, { scope: 'read' })).toBe('office-not-allowed');
    expect(accessOf(reader, { scope: 'read', narrowed: true })).toBe('allowed');
    expect(accessOf(admin, { scope: 'read' })).toBe('allowed');
  });
});
