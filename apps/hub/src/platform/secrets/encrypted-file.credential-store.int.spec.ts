import { randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedFileCredentialStore } from './encrypted-file.credential-store';

const DENTRIX = { password: 'dentrix-pass-7f3a', apiKey: 'dentrix-api-key-91bc' };
const EAGLESOFT = { password: 'eaglesoft-pass-0d2e', clientSecret: 'eaglesoft-secret-55aa' };

describe('EncryptedFileCredentialStore', () => {
  let dir: string;
  let path: string;
  const masterKey = randomBytes(32);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-credentials-'));
    path = join(dir, 'credentials.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rawFile = () => readFileSync(path, 'utf8');
  const decryptionError = (officeId: string) =>
    new Error(
      `credentials of office ${officeId} in ${path} cannot be decrypted: is HUB_MASTER_KEY the key they were written with?`,
    );

  it('is empty while the file does not exist', async () => {
    await expect(new EncryptedFileCredentialStore(path, masterKey).get('office-1')).resolves.toBe(
      undefined,
    );
  });

  it('gives back what was put, and what a fresh instance reads from the file', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await store.put('office-1', DENTRIX);
    await expect(store.get('office-1')).resolves.toEqual(DENTRIX);
    await expect(
      new EncryptedFileCredentialStore(path, masterKey).get('office-1'),
    ).resolves.toEqual(DENTRIX);
  });

  it('writes no secret in the clear, in a file only its owner can read', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await store.put('office-1', DENTRIX);
    await store.put('office-2', EAGLESOFT);
    const text = rawFile();
    for (const secret of [...Object.values(DENTRIX), ...Object.values(EAGLESOFT)]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(text)).toEqual({
      version: 1,
      generation: expect.stringMatching(/^[0-9a-f]{32}$/),
      offices: {
        'office-1': {
          iv: expect.any(String),
          tag: expect.any(String),
          ciphertext: expect.any(String),
        },
        'office-2': {
          iv: expect.any(String),
          tag: expect.any(String),
          ciphertext: expect.any(String),
        },
      },
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['credentials.json']);
  });

  it('uses a fresh IV on every write, even of the same credentials', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await store.put('office-1', DENTRIX);
    const before = JSON.parse(rawFile()).offices['office-1'];
    await store.put('office-1', DENTRIX);
    const after = JSON.parse(rawFile()).offices['office-1'];
    expect(after.iv).not.toBe(before.iv);
    expect(after.ciphertext).not.toBe(before.ciphertext);
  });

  it("keeps another instance's entries and sees them on a cache miss", async () => {
    const first = new EncryptedFileCredentialStore(path, masterKey);
    const second = new EncryptedFileCredentialStore(path, masterKey);
    await expect(second.get('office-1')).resolves.toBe(undefined);
    await first.put('office-1', DENTRIX);
    await second.put('office-2', EAGLESOFT);

    await expect(second.get('office-1')).resolves.toEqual(DENTRIX);
    await expect(first.get('office-2')).resolves.toEqual(EAGLESOFT);
    await expect(
      new EncryptedFileCredentialStore(path, masterKey).get('office-1'),
    ).resolves.toEqual(DENTRIX);
  });

  it('loses no entry when two instances sharing the file put at the same time', async () => {
    const instances = [0, 1, 2].map(() => new EncryptedFileCredentialStore(path, masterKey));
    await Promise.all(
      instances.flatMap((store, i) =>
        Array.from({ length: 20 }, (_, n) => store.put(`office-${i}-${n}`, DENTRIX)),
      ),
    );
    const fresh = new EncryptedFileCredentialStore(path, masterKey);
    for (let i = 0; i < 3; i++) {
      for (let n = 0; n < 20; n++) {
        await expect(fresh.get(`office-${i}-${n}`)).resolves.toEqual(DENTRIX);
      }
    }
    expect(readdirSync(dir).sort()).toEqual(['credentials.json']);
  });

  it('sees rotations by another instance that leave the size and time unchanged', async () => {
    const reader = new EncryptedFileCredentialStore(path, masterKey);
    const writer = new EncryptedFileCredentialStore(path, masterKey);
    await writer.put('office-1', DENTRIX);
    await expect(reader.get('office-1')).resolves.toEqual(DENTRIX);
    const before = statSync(path);
    // Same length, as a rotated password often is; the clock put back as a coarse one would.
    // Two replaces: the second file often reuses the first one's freed inode number.
    await writer.put('office-1', { ...DENTRIX, password: 'dentrix-pass-9a9a' });
    await writer.put('office-1', { ...DENTRIX, password: 'dentrix-pass-0b1c' });
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path).size).toBe(before.size);
    reader.forget('office-1');
    await expect(reader.get('office-1')).resolves.toEqual({
      ...DENTRIX,
      password: 'dentrix-pass-0b1c',
    });
  });

  it('breaks a lock left by a process that died holding it', async () => {
    writeFileSync(`${path}.lock`, '12345 dead\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await store.put('office-1', DENTRIX);
    await expect(
      new EncryptedFileCredentialStore(path, masterKey).get('office-1'),
    ).resolves.toEqual(DENTRIX);
    expect(readdirSync(dir)).not.toContain('credentials.json.lock');
  });

  it('loses neither of two concurrent puts', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await Promise.all([store.put('office-1', DENTRIX), store.put('office-2', EAGLESOFT)]);
    const reread = new EncryptedFileCredentialStore(path, masterKey);
    await expect(reread.get('office-1')).resolves.toEqual(DENTRIX);
    await expect(reread.get('office-2')).resolves.toEqual(EAGLESOFT);
  });

  /** Counts file replaces; `hold()` keeps the next one waiting until `release()`. */
  function replaces(store: EncryptedFileCredentialStore) {
    const replaceFile = store['replaceFile'].bind(store);
    let gate: Promise<void> | undefined;
    let release = () => {};
    let started = () => {};
    const spy = jest.spyOn(store as unknown as { replaceFile: typeof replaceFile }, 'replaceFile');
    spy.mockImplementation(async (text) => {
      started();
      await gate;
      return replaceFile(text);
    });
    return {
      spy,
      /** Resolves once the held replace has started. */
      hold(): Promise<void> {
        gate = new Promise((resolve) => (release = resolve));
        return new Promise((resolve) => (started = resolve));
      },
      release: () => {
        gate = undefined;
        release();
      },
    };
  }

  it('writes 500 concurrent puts in far fewer file replaces, all readable afterwards', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    const { spy } = replaces(store);
    const ids = Array.from({ length: 500 }, (_, i) => `office-${i}`);
    const secrets = (id: string) => ({ ...DENTRIX, password: `pw-of-${id}` });
    await Promise.all(ids.map((id) => store.put(id, secrets(id))));

    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    expect(Object.keys(JSON.parse(rawFile()).offices)).toHaveLength(500);
    const reread = new EncryptedFileCredentialStore(path, masterKey);
    for (const id of ids) await expect(reread.get(id)).resolves.toEqual(secrets(id));
    for (const id of ids) await expect(store.get(id)).resolves.toEqual(secrets(id));
    expect(readdirSync(dir)).toEqual(['credentials.json']);
  });

  it('batches the puts that arrive during a replace into the next one', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    const { spy, hold, release } = replaces(store);
    const held = hold();
    const first = store.put('office-0', DENTRIX);
    await held;
    const during = Array.from({ length: 99 }, (_, i) => store.put(`office-${i + 1}`, EAGLESOFT));
    // Written only once durable: nothing of the waiting puts is readable yet, not even here.
    await expect(store.get('office-1')).resolves.toBe(undefined);
    release();
    await Promise.all([first, ...during]);

    expect(spy).toHaveBeenCalledTimes(2);
    const reread = new EncryptedFileCredentialStore(path, masterKey);
    await expect(reread.get('office-0')).resolves.toEqual(DENTRIX);
    for (let i = 1; i < 100; i++) {
      await expect(reread.get(`office-${i}`)).resolves.toEqual(EAGLESOFT);
    }
  });

  it('keeps the later of two puts of the same office in one batch', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    const { spy, hold, release } = replaces(store);
    const held = hold();
    const first = store.put('office-0', DENTRIX);
    await held;
    const earlier = { ...DENTRIX, password: 'earlier-pass' };
    const later = { ...DENTRIX, password: 'later-pass' };
    const puts = [store.put('office-1', earlier), store.put('office-1', later)];
    release();
    await Promise.all([first, ...puts]);

    expect(spy).toHaveBeenCalledTimes(2);
    await expect(store.get('office-1')).resolves.toEqual(later);
    await expect(
      new EncryptedFileCredentialStore(path, masterKey).get('office-1'),
    ).resolves.toEqual(later);
    expect(Object.keys(JSON.parse(rawFile()).offices)).toEqual(['office-0', 'office-1']);
  });

  it('keeps the later put of an office made during the replace holding the earlier one', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    const { hold, release } = replaces(store);
    const held = hold();
    const earlier = store.put('office-1', DENTRIX);
    await held;
    const later = store.put('office-1', EAGLESOFT);
    release();
    await Promise.all([earlier, later]);
    await expect(store.get('office-1')).resolves.toEqual(EAGLESOFT);
    await expect(
      new EncryptedFileCredentialStore(path, masterKey).get('office-1'),
    ).resolves.toEqual(EAGLESOFT);
  });

  it('fails every put of a failed replace, and only those', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    const { spy, hold, release } = replaces(store);
    const held = hold();
    const first = store.put('office-0', DENTRIX);
    await held;
    const disk = new Error('ENOSPC: no space left on device');
    spy.mockRejectedValueOnce(disk);
    const failing = [store.put('office-1', DENTRIX), store.put('office-2', EAGLESOFT)];
    const outcomes = Promise.allSettled(failing);
    release();
    await first;
    expect(await outcomes).toEqual([
      { status: 'rejected', reason: disk },
      { status: 'rejected', reason: disk },
    ]);
    // Nothing of a failed replace is cached or written...
    await expect(store.get('office-1')).resolves.toBe(undefined);
    await expect(new EncryptedFileCredentialStore(path, masterKey).get('office-2')).resolves.toBe(
      undefined,
    );
    // ...and the next put is written.
    await store.put('office-2', EAGLESOFT);
    await expect(
      new EncryptedFileCredentialStore(path, masterKey).get('office-2'),
    ).resolves.toEqual(EAGLESOFT);
    await expect(store.get('office-0')).resolves.toEqual(DENTRIX);
  });

  it("reads the file it wrote without parsing it again, and parses another process's write", async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await store.put('office-1', DENTRIX);
    store.forget('office-1');
    const parse = jest.spyOn(JSON, 'parse');
    try {
      await expect(store.get('office-1')).resolves.toEqual(DENTRIX);
      // Decrypting parses the plaintext once; the file itself was not parsed again.
      expect(parse).toHaveBeenCalledTimes(1);
      await new EncryptedFileCredentialStore(path, masterKey).put('office-2', EAGLESOFT);
      parse.mockClear();
      await expect(store.get('office-2')).resolves.toEqual(EAGLESOFT);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
  });

  it('fails clearly, without the secrets, under another master key', async () => {
    await new EncryptedFileCredentialStore(path, masterKey).put('office-1', DENTRIX);
    const get = new EncryptedFileCredentialStore(path, randomBytes(32)).get('office-1');
    await expect(get).rejects.toEqual(decryptionError('office-1'));
  });

  it("refuses one office's entry moved onto another (the office id is authenticated)", async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await store.put('office-1', DENTRIX);
    await store.put('office-2', EAGLESOFT);
    const file = JSON.parse(rawFile());
    [file.offices['office-1'], file.offices['office-2']] = [
      file.offices['office-2'],
      file.offices['office-1'],
    ];
    writeFileSync(path, JSON.stringify(file));

    const swapped = new EncryptedFileCredentialStore(path, masterKey);
    await expect(swapped.get('office-1')).rejects.toEqual(decryptionError('office-1'));
    await expect(swapped.get('office-2')).rejects.toEqual(decryptionError('office-2'));
  });

  it.each([
    ['ciphertext', (c: Buffer) => c[0]++],
    ['tag', (t: Buffer) => t[15]++],
  ] as const)('refuses a tampered %s', async (field, tamper) => {
    await new EncryptedFileCredentialStore(path, masterKey).put('office-1', DENTRIX);
    const file = JSON.parse(rawFile());
    const bytes = Buffer.from(file.offices['office-1'][field], 'base64');
    tamper(bytes);
    file.offices['office-1'][field] = bytes.toString('base64');
    writeFileSync(path, JSON.stringify(file));

    const get = new EncryptedFileCredentialStore(path, masterKey).get('office-1');
    await expect(get).rejects.toEqual(decryptionError('office-1'));
  });

  it('refuses a truncated tag', async () => {
    await new EncryptedFileCredentialStore(path, masterKey).put('office-1', DENTRIX);
    const file = JSON.parse(rawFile());
    file.offices['office-1'].tag = Buffer.from(file.offices['office-1'].tag, 'base64')
      .subarray(0, 4)
      .toString('base64');
    writeFileSync(path, JSON.stringify(file));

    const get = new EncryptedFileCredentialStore(path, masterKey).get('office-1');
    await expect(get).rejects.toEqual(decryptionError('office-1'));
  });

  it.each([
    ['not JSON', '{ "version": 1, '],
    ['another version', JSON.stringify({ version: 2, offices: {} })],
    ['without offices', JSON.stringify({ version: 1 })],
  ])('refuses a file that is %s, naming only the file', async (_, content) => {
    writeFileSync(path, content);
    const store = new EncryptedFileCredentialStore(path, masterKey);
    const error = new Error(`${path} is not a version 1 credential store file`);
    await expect(store.get('office-1')).rejects.toEqual(error);
    await expect(store.put('office-1', DENTRIX)).rejects.toEqual(error);
    expect(rawFile()).toBe(content);
  });

  it('keeps working after a failed put', async () => {
    writeFileSync(path, 'garbage');
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await expect(store.put('office-1', DENTRIX)).rejects.toThrow(path);
    rmSync(path);
    await store.put('office-1', DENTRIX);
    await expect(store.get('office-1')).resolves.toEqual(DENTRIX);
  });

  it('keeps an office id such as __proto__ as an ordinary entry', async () => {
    const store = new EncryptedFileCredentialStore(path, masterKey);
    await store.put('__proto__', DENTRIX);
    await store.put('office-2', EAGLESOFT);
    expect(Object.keys(JSON.parse(rawFile()).offices)).toEqual(['__proto__', 'office-2']);
    const reread = new EncryptedFileCredentialStore(path, masterKey);
    await expect(reread.get('__proto__')).resolves.toEqual(DENTRIX);
    await expect(reread.get('office-2')).resolves.toEqual(EAGLESOFT);
  });
});
