import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CredentialStore, OfficeCredentials } from './credential-store.port';
import { withFileLock } from './file-lock';
import { deriveKey } from './master-key';

interface Entry {
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Puts not written yet: one file replace writes them all. */
interface Batch {
  /** The latest credentials put per office: a later put of the same office replaces an earlier. */
  readonly entries: Map<string, OfficeCredentials>;
  /** Settles when the replace holding these puts is durable, or failed. */
  readonly written: Promise<void>;
}

/**
 * `{ version: 1, offices: { <officeId>: { iv, tag, ciphertext } } }`, each entry the office's
 * credentials as JSON under AES-256-GCM with the office id as AAD, so an entry moved onto another
 * office fails to decrypt. Several hub instances may share the file: a put re-reads it first and
 * a cache miss re-reads it; `forget` makes the next get re-read another instance's put.
 */
export class EncryptedFileCredentialStore implements CredentialStore {
  private readonly key: Buffer;
  private readonly cache = new Map<string, OfficeCredentials>();
  private parsed?: { readonly generation: string; readonly entries: ReadonlyMap<string, Entry> };
  /** Bumped by each put and forget of an office: a get that read before it must not cache. */
  private readonly epochs = new Map<string, number>();
  /**
   * Replaces run one at a time, so two never read the same file and lose each other. The last
   * one's end, failed or not: a failed replace does not stop the next.
   */
  private writes: Promise<void> = Promise.resolve();
  /** The puts waiting for the next replace, until it starts: later puts join it. */
  private pending?: Batch;

  constructor(
    private readonly path: string,
    masterKey: Buffer,
  ) {
    this.key = deriveKey(masterKey, 'pms-hub credentials v1');
  }

  async get(officeId: string): Promise<OfficeCredentials | undefined> {
    const cached = this.cache.get(officeId);
    if (cached) return cached;
    const epoch = this.epochs.get(officeId) ?? 0;
    const entry = (await this.read()).get(officeId);
    if (!entry) return undefined;
    const credentials = this.decrypt(officeId, entry);
    // A put, or a forget, while we read: what we read may be older than what they know.
    if (!this.cache.has(officeId) && (this.epochs.get(officeId) ?? 0) === epoch) {
      this.cache.set(officeId, credentials);
    }
    return this.cache.get(officeId) ?? credentials;
  }

  forget(officeId: string): void {
    this.cache.delete(officeId);
    this.epochs.set(officeId, (this.epochs.get(officeId) ?? 0) + 1);
  }

  /**
   * Resolves once the credentials are in the file, fsynced: puts that arrive while a replace is
   * in progress share the next one (one read, one write, one fsync for thousands of offices at
   * start-up), and each rejects with that replace's error if it fails.
   */
  put(officeId: string, credentials: OfficeCredentials): Promise<void> {
    const batch = this.pending ?? this.nextBatch();
    // Copied now: what the caller does with its object afterwards changes nothing.
    batch.entries.set(officeId, Object.freeze({ ...credentials }));
    return batch.written;
  }

  private nextBatch(): Batch {
    const entries = new Map<string, OfficeCredentials>();
    const written = this.writes.then(() => {
      // From here on, new puts wait for the replace after this one.
      this.pending = undefined;
      return this.write(entries);
    });
    this.writes = written.catch(() => undefined);
    this.pending = { entries, written };
    return this.pending;
  }

  /** Under the lock file: another process's replace cannot land between our read and ours. */
  private async write(puts: ReadonlyMap<string, OfficeCredentials>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await withFileLock(`${this.path}.lock`, async () => {
      const offices = new Map(await this.read());
      for (const [officeId, credentials] of puts) {
        offices.set(officeId, this.encrypt(officeId, credentials));
      }
      const generation = randomBytes(16).toString('hex');
      const file = { version: 1, generation, offices: Object.fromEntries(offices) };
      await this.replaceFile(`${JSON.stringify(file, null, 2)}\n`);
      // What we wrote is what the next read would parse, until another process writes anew.
      this.parsed = { generation, entries: offices };
    });
    for (const [officeId, credentials] of puts) {
      this.cache.set(officeId, credentials);
      this.epochs.set(officeId, (this.epochs.get(officeId) ?? 0) + 1);
    }
  }

  /**
   * The file's entries, parsed again only when its generation (a random id each replace writes
   * at the top of the file) changed: thousands of offices start with one parse, and no two
   * replaces look alike, whatever the file system does with inodes and timestamps. A Map, not an
   * object: an office id such as `__proto__` must stay an ordinary key. Shared, never changed: a
   * writer copies it.
   */
  private async read(): Promise<ReadonlyMap<string, Entry>> {
    let text: string;
    try {
      const generation = await generationOf(this.path);
      if (generation !== undefined && this.parsed?.generation === generation) {
        return this.parsed.entries;
      }
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    let file: { version?: unknown; generation?: unknown; offices?: unknown } | null;
    try {
      file = JSON.parse(text);
    } catch {
      file = null;
    }
    if (
      file?.version !== 1 ||
      typeof file.offices !== 'object' ||
      file.offices === null ||
      Array.isArray(file.offices)
    ) {
      throw new Error(`${this.path} is not a version 1 credential store file`);
    }
    const entries = new Map(Object.entries(file.offices as Record<string, Entry>));
    if (typeof file.generation === 'string') this.parsed = { generation: file.generation, entries };
    return entries;
  }

  /** Write aside, fsync, rename over: readers see the old file or the new one, never half. */
  private async replaceFile(text: string): Promise<void> {
    const directory = dirname(this.path);
    const temporary = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const file = await open(temporary, 'wx', 0o600);
      try {
        await file.writeFile(text);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // The rename itself survives a crash only once the directory is synced.
    const dir = await open(directory, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  private encrypt(officeId: string, credentials: OfficeCredentials): Entry {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(officeId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(credentials)), cipher.final()]);
    return {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  private decrypt(officeId: string, entry: Entry): OfficeCredentials {
    try {
      const iv = Buffer.from(entry.iv, 'base64');
      const tag = Buffer.from(entry.tag, 'base64');
      // GCM would accept a shorter IV or a truncated tag: insist on the sizes we write.
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed entry');
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(officeId, 'utf8'));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(entry.ciphertext, 'base64')),
        decipher.final(),
      ]);
      return Object.freeze(JSON.parse(plaintext.toString('utf8')) as Record<string, string>);
    } catch {
      throw new Error(
        `credentials of office ${officeId} in ${this.path} cannot be decrypted: is HUB_MASTER_KEY the key they were written with?`,
      );
    }
  }
}

const HEAD_BYTES = 256;

/** The generation at the top of the file, read without the rest; undefined for an older file. */
async function generationOf(path: string): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(head, 0, HEAD_BYTES, 0);
    return /"generation": "([0-9a-f]{32})"/.exec(head.toString('utf8', 0, bytesRead))?.[1];
  } finally {
    await file.close();
  }
}
