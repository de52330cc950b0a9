import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { officeStream } from '@pms-hub/domain';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { RegisterOfficeCommand } from './register-office.command';
import { RegisterOfficeHandler } from './register-office.handler';
import { EncryptedFileCredentialStore } from '../../../platform/secrets/encrypted-file.credential-store';
import { OfficeConfig } from '../../office-config';
import { registerConfiguredOffices } from './register-configured-offices';

const dentrix = (officeId: string, password = `pw-${officeId}`): OfficeConfig => ({
  officeId,
  connection: {
    pmsType: 'dentrix',
    baseUrl: 'http://127.0.0.1:9',
    username: 'hub',
    password,
    database: 'main',
    apiKey: `key-${officeId}`,
  },
});
const offices = (n: number) => Array.from({ length: n }, (_, i) => dentrix(`office-${i}`));

/** A command bus whose commands finish when the test says so. */
function controlledBus() {
  const running: { command: RegisterOfficeCommand; finish: (error?: Error) => void }[] = [];
  const started: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const bus = {
    execute: (command: RegisterOfficeCommand) => {
      started.push(command.officeId);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      return new Promise<void>((resolve, reject) =>
        running.push({
          command,
          finish: (error) => {
            inFlight--;
            if (error) reject(error);
            else resolve();
          },
        }),
      );
    },
  };
  return {
    bus: bus as unknown as CommandBus,
    running,
    started,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
  };
}

const spyOnReplaces = (credentials: EncryptedFileCredentialStore) =>
  jest.spyOn(
    credentials as unknown as { replaceFile(text: string): Promise<string> },
    'replaceFile',
  );

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('registerConfiguredOffices', () => {
  it('registers every office from the file, at most `concurrency` at once', async () => {
    const { bus, running, started, maxInFlight } = controlledBus();
    const done = registerConfiguredOffices(bus, offices(10), 3);
    await settle();
    expect(started).toEqual(['office-0', 'office-1', 'office-2']);
    while (running.length > 0) {
      running.shift()!.finish();
      await settle();
    }
    await done;
    expect(started).toEqual(offices(10).map(({ officeId }) => officeId));
    expect(maxInFlight()).toBe(3);
  });

  it('sends each office as the file has it, from the config file', async () => {
    const commands: RegisterOfficeCommand[] = [];
    const bus = { execute: async (c: RegisterOfficeCommand) => void commands.push(c) };
    await registerConfiguredOffices(bus as unknown as CommandBus, [dentrix('a')]);
    expect(commands).toEqual([
      new RegisterOfficeCommand(
        'a',
        { pmsType: 'dentrix', baseUrl: 'http://127.0.0.1:9', timeZone: 'UTC', locations: [] },
        { username: 'hub', password: 'pw-a', database: 'main', apiKey: 'key-a' },
        'config-file',
      ),
    ]);
  });

  it('fails with the first error, starting no office after it, once the others finished', async () => {
    const { bus, running, started, inFlight } = controlledBus();
    let settled = false;
    const done = registerConfiguredOffices(bus, offices(10), 3).finally(() => (settled = true));
    await settle();
    const wrongKey = new Error('credentials of office office-1 cannot be decrypted');
    running[1].finish(wrongKey);
    running[0].finish(new Error('a later error'));
    await settle();
    // office-2 is still running: the start waits for it, and starts nothing more.
    expect(settled).toBe(false);
    expect(inFlight()).toBe(1);
    running[2].finish();
    await expect(done).rejects.toBe(wrongKey);
    expect(started).toEqual(['office-0', 'office-1', 'office-2']);
  });

  it('does nothing without offices, and refuses a concurrency below 1 or an office twice', async () => {
    const { bus, started } = controlledBus();
    await registerConfiguredOffices(bus, []);
    expect(started).toEqual([]);
    await expect(registerConfiguredOffices(bus, offices(1), 0)).rejects.toThrow(
      'registering offices needs a concurrency of at least 1, got 0',
    );
    const twice = [...offices(2), ...offices(1)];
    await expect(registerConfiguredOffices(bus, twice)).rejects.toThrow(
      'an office is configured twice',
    );
    expect(started).toEqual([]);
  });

  describe('with the real handler, embedded store and credential file', () => {
    let dir: string;
    let store: EventStore;
    const masterKey = randomBytes(32);
    const credentialsFile = () => join(dir, 'credentials.enc.json');
    const busOf = (credentials: EncryptedFileCredentialStore) => {
      const handler = new RegisterOfficeHandler(store, credentials);
      return { execute: (c: RegisterOfficeCommand) => handler.execute(c) } as CommandBus;
    };

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'pms-hub-configured-offices-'));
      ({ store } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') }));
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('registers 300 offices concurrently, each with its own credentials, in few file replaces', async () => {
      const credentials = new EncryptedFileCredentialStore(credentialsFile(), masterKey);
      const replaces = spyOnReplaces(credentials);
      await registerConfiguredOffices(busOf(credentials), offices(300));

      // 16 at once: while one cohort's puts are written, the other's join the next replace (38
      // replaces measured, against 300 one put at a time).
      expect(replaces.mock.calls.length).toBeLessThan(300 / 4);
      const reread = new EncryptedFileCredentialStore(credentialsFile(), masterKey);
      for (const { officeId } of offices(300)) {
        await expect(reread.get(officeId)).resolves.toMatchObject({ password: `pw-${officeId}` });
        expect((await store.readStream(officeStream(officeId))).map((e) => e.type)).toEqual([
          'OfficeRegistered',
        ]);
      }

      // Again, as on the next start: nothing changed, nothing is written or recorded.
      const rereplaces = spyOnReplaces(reread);
      await registerConfiguredOffices(busOf(reread), offices(300));
      expect(rereplaces).not.toHaveBeenCalled();
      expect(await store.readAll()).toHaveLength(300);
    });

    it('fails with the decryption error under another master key', async () => {
      await registerConfiguredOffices(
        busOf(new EncryptedFileCredentialStore(credentialsFile(), masterKey)),
        offices(40),
      );
      const otherKey = new EncryptedFileCredentialStore(credentialsFile(), randomBytes(32));
      await expect(registerConfiguredOffices(busOf(otherKey), offices(40))).rejects.toThrow(
        /cannot be decrypted: is HUB_MASTER_KEY the key they were written with\?/,
      );
    });
  });
});
