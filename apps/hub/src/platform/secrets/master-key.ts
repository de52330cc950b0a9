import { hkdfSync, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { resolve } from 'node:path';

export interface MasterKey {
  readonly key: Buffer;
  /** For the banner: where it came from, never the key. */
  readonly source: string;
  /** True when this call created the key file. */
  readonly generated: boolean;
}

const KEY_BYTES = 32;

/**
 * The key every other secret is derived from: `HUB_MASTER_KEY` if set (empty counts as unset, as
 * for the other settings), else `<dataDir>/master.key`, created on first start when allowed.
 * Errors name the variable or file, never what it holds.
 */
export function loadMasterKey(options: {
  readonly fromEnv?: string;
  readonly dataDir: string;
  readonly mayGenerate: boolean;
}): MasterKey {
  if (options.fromEnv) {
    const key = parseKey(options.fromEnv);
    if (!key) throw new Error('HUB_MASTER_KEY must be 32 bytes, base64 or 64 hex characters');
    return { key, source: 'HUB_MASTER_KEY', generated: false };
  }
  const path = resolve(options.dataDir, 'master.key');
  const existing = readKeyFile(path);
  if (existing) return { key: existing, source: path, generated: false };
  if (!options.mayGenerate) {
    throw new Error(
      `HUB_MASTER_KEY is not set and ${path} does not exist: set HUB_MASTER_KEY (32 bytes, base64) on every instance`,
    );
  }
  mkdirSync(resolve(options.dataDir), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // Written aside, then linked into place: another instance racing on a shared volume sees no
  // file or a whole one, never an empty one.
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(aside, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(aside, path);
  } catch (error) {
    // Another instance created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: readKeyFile(path) as Buffer, source: path, generated: false };
  } finally {
    unlinkSync(aside);
  }
  return { key, source: path, generated: true };
}

/** Separate sub-keys per use, so one never doubles as another (e.g. 'pms-hub credentials v1'). */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, KEY_BYTES));
}

/** Undefined when the file does not exist. */
function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = parseKey(text);
  if (!key) throw new Error(`${path} must hold 32 bytes, base64 or 64 hex characters`);
  return key;
}

/** Base64 (standard or url-safe, padding optional) or hex; undefined when neither is 32 bytes. */
function parseKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}
