import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEYS_STREAM, ApiKeyEvent, metadataFor } from '@pms-hub/domain';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { toEventsToAppend } from '../platform/event-store/stored-events';
import { ApiKeyRegistry } from './api-key.registry';
import { ApiKeySigner } from './api-key.signer';

const context = () => ({
  commandId: randomUUID(),
  correlationId: randomUUID(),
  officeId: '',
  now: new Date().toISOString(),
  newId: randomUUID,
});
const issued = (keyId: string): ApiKeyEvent => ({
  type: 'ApiKeyIssued',
  data: { keyId, name: keyId, scopes: ['read'], offices: null },
  metadata: metadataFor(context()),
});
const revoked = (keyId: string): ApiKeyEvent => ({
  type: 'ApiKeyRevoked',
  data: { keyId },
  metadata: metadataFor(context()),
});

describe('ApiKeyRegistry (embedded stores)', () => {
  let dir: string;
  const stores: EventStore[] = [];
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'pms-hub-api-key-registry-'))));
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const openStore = (name: string): EventStore => {
    const { store } = createEventStore({ kind: 'embedded', path: join(dir, `${name}.sqlite`) });
    stores.push(store);
    return store;
  };
  const append = (store: EventStore, events: ApiKeyEvent[]) =>
    store.append(API_KEYS_STREAM, toEventsToAppend(events), 'any');
  const keys = (registry: ApiKeyRegistry) =>
    registry.list().map(({ keyId, revokedAt }) => `${keyId}${revokedAt ? ' revoked' : ''}`);

  it('reads what was appended since its last refresh', async () => {
    const store = openStore('incremental');
    const registry = new ApiKeyRegistry(store, new ApiKeySigner(randomBytes(32)));
    await append(store, [issued('k1'), issued('k2')]);
    await registry.refresh();
    expect(keys(registry)).toEqual(['k1', 'k2']);
    await append(store, [revoked('k1')]);
    await registry.refresh();
    await registry.refresh();
    expect(keys(registry)).toEqual(['k1 revoked', 'k2']);
  });

  it('folds again from the start on a store that is not the one it folded (a restored backup)', async () => {
    const original = openStore('original');
    const restored = openStore('restored');
    let current = original;
    // The hub keeps its store; a restore swaps what is behind it.
    const swapped = { readStream: (...args) => current.readStream(...args) } as EventStore;
    const registry = new ApiKeyRegistry(swapped, new ApiKeySigner(randomBytes(32)));
    await append(original, [issued('k1'), issued('k2'), revoked('k1')]);
    await registry.refresh();
    expect(keys(registry)).toEqual(['k1 revoked', 'k2']);

    // Shorter than what was folded, then longer again with other events.
    await append(restored, [issued('k1')]);
    current = restored;
    await registry.refresh();
    expect(keys(registry)).toEqual(['k1']);
    await append(restored, [issued('k3'), issued('k4'), issued('k5')]);
    await registry.refresh();
    expect(keys(registry)).toEqual(['k1', 'k3', 'k4', 'k5']);
  });
});
