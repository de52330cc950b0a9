import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfficeProfile, officeStream } from '@pms-hub/domain';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import {
  CredentialStore,
  OfficeCredentials,
} from '../../../platform/secrets/credential-store.port';
import { RegisterOfficeCommand } from './register-office.command';
import { RegisterOfficeHandler } from './register-office.handler';

class InMemoryCredentialStore implements CredentialStore {
  readonly byOffice = new Map<string, OfficeCredentials>();
  puts = 0;

  async get(officeId: string) {
    return this.byOffice.get(officeId);
  }

  async put(officeId: string, credentials: OfficeCredentials) {
    this.puts++;
    this.byOffice.set(officeId, credentials);
  }

  forget() {}
}

const profile: OfficeProfile = {
  pmsType: 'dentrix',
  baseUrl: 'https://dentrix.smile-dental.example',
  timeZone: 'America/New_York',
  locations: ['LOC-1'],
};
const SECRETS = { username: 'front-desk', password: 'pw-7f3a9c', apiKey: 'key-51be02' };

describe('RegisterOfficeHandler (real embedded store, in-memory credentials)', () => {
  let dir: string;
  let store: EventStore;
  let credentials: InMemoryCredentialStore;
  let handler: RegisterOfficeHandler;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-register-office-'));
    ({ store } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') }));
    credentials = new InMemoryCredentialStore();
    handler = new RegisterOfficeHandler(store, credentials);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = (
    changes: Partial<OfficeProfile> = {},
    secrets: OfficeCredentials | undefined = SECRETS,
  ) =>
    handler.execute(
      new RegisterOfficeCommand('smile-1', { ...profile, ...changes }, secrets, 'config-file'),
    );
  const stream = () => store.readStream(officeStream('smile-1'));

  it('registers a new office and stores its credentials', async () => {
    const result = await register();
    expect(result).toEqual({
      outcome: 'registered',
      office: { profile, registeredAt: expect.any(String), updatedAt: expect.any(String) },
    });
    expect((await stream()).map((e) => [e.type, e.data])).toEqual([
      ['OfficeRegistered', { ...profile, registeredVia: 'config-file' }],
    ]);
    expect(credentials.byOffice.get('smile-1')).toEqual(SECRETS);
  });

  it('records nothing when the same office is registered again', async () => {
    const first = await register();
    const again = await register();
    expect(again).toEqual({ outcome: 'unchanged', office: first.office });
    expect(await stream()).toHaveLength(1);
    expect(credentials.puts).toBe(1);
  });

  it('records only the changed field', async () => {
    await register();
    const result = await register({ baseUrl: 'https://dtx2.smile-dental.example' });
    expect(result.outcome).toBe('updated');
    expect(result.office.profile.baseUrl).toBe('https://dtx2.smile-dental.example');
    expect((await stream()).at(-1)?.data).toEqual({
      changes: { baseUrl: 'https://dtx2.smile-dental.example' },
      credentialsReplaced: false,
      updatedVia: 'config-file',
    });
  });

  it('stores new credentials and records only that they were replaced', async () => {
    await register();
    const rotated = { ...SECRETS, password: 'pw-rotated-0e81' };
    const result = await register({}, rotated);
    expect(result.outcome).toBe('updated');
    expect(result.office.credentialsReplacedAt).toBe(result.office.updatedAt);
    expect(credentials.puts).toBe(2);
    expect(credentials.byOffice.get('smile-1')).toEqual(rotated);
    const events = await stream();
    expect(events.at(-1)?.data).toMatchObject({ changes: {}, credentialsReplaced: true });
    const recorded = JSON.stringify(events);
    for (const secret of [...Object.values(SECRETS), rotated.password]) {
      expect(recorded).not.toContain(secret);
    }
  });

  it('keeps the stored credentials when none are given', async () => {
    await register();
    const result = await register({ timeZone: 'America/Chicago' }, undefined);
    expect(result.outcome).toBe('updated');
    expect(result.office.credentialsReplacedAt).toBeUndefined();
    expect(credentials.puts).toBe(1);
    expect(credentials.byOffice.get('smile-1')).toEqual(SECRETS);
    expect((await stream()).at(-1)?.data).toMatchObject({ credentialsReplaced: false });
  });

  it('decides again when another hub registered the office first', async () => {
    const rival = new RegisterOfficeHandler(store, new InMemoryCredentialStore());
    let raced = false;
    const racing: EventStore = Object.create(store, {
      append: {
        value: async (...args: Parameters<EventStore['append']>) => {
          if (!raced) {
            raced = true;
            await rival.execute(
              new RegisterOfficeCommand(
                'smile-1',
                { ...profile, baseUrl: null },
                undefined,
                'admin-api',
              ),
            );
          }
          return store.append(...args);
        },
      },
    });
    handler = new RegisterOfficeHandler(racing, credentials);
    const result = await register();
    expect(result.outcome).toBe('updated');
    expect((await stream()).map((e) => e.type)).toEqual(['OfficeRegistered', 'OfficeUpdated']);
    expect(result.office.profile).toEqual(profile);
  });
});
