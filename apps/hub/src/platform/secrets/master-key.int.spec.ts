import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKey, loadMasterKey } from './master-key';

describe('loadMasterKey', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-master-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['base64', 'base64url', 'hex'] as const)('takes HUB_MASTER_KEY as %s', (encoding) => {
    const key = randomBytes(32);
    const loaded = loadMasterKey({
      fromEnv: key.toString(encoding),
      dataDir: dir,
      mayGenerate: true,
    });
    expect(loaded).toEqual({ key, source: 'HUB_MASTER_KEY', generated: false });
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['63 hex characters', randomBytes(32).toString('hex').slice(1)],
    ['not an encoding', 'correct-horse-battery-staple-correct-horse-battery'],
  ])('rejects HUB_MASTER_KEY %s without echoing it', (_, value) => {
    const load = () => loadMasterKey({ fromEnv: value, dataDir: dir, mayGenerate: true });
    expect(load).toThrow(new Error('HUB_MASTER_KEY must be 32 bytes, base64 or 64 hex characters'));
    expect(errorOf(load)).not.toContain(value);
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
  });

  it('generates <dataDir>/master.key on first start, readable by its owner only, then reuses it', () => {
    const dataDir = join(dir, 'nested', 'data');
    const path = join(dataDir, 'master.key');

    const first = loadMasterKey({ dataDir, mayGenerate: true });
    expect(first).toEqual({ key: expect.any(Buffer), source: path, generated: true });
    expect(first.key).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(`${first.key.toString('base64')}\n`);

    const second = loadMasterKey({ dataDir, mayGenerate: false });
    expect(second).toEqual({ key: first.key, source: path, generated: false });
  });

  it('rejects a master.key that is not 32 bytes, naming the file but not its content', () => {
    const path = join(dir, 'master.key');
    const content = randomBytes(31).toString('base64');
    writeFileSync(path, content);
    const load = () => loadMasterKey({ dataDir: dir, mayGenerate: true });
    expect(load).toThrow(`${path} must hold 32 bytes, base64 or 64 hex characters`);
    expect(errorOf(load)).not.toContain(content);
  });

  it('refuses to generate when not allowed, saying what to set', () => {
    const path = join(dir, 'master.key');
    expect(() => loadMasterKey({ dataDir: dir, mayGenerate: false })).toThrow(
      new Error(
        `HUB_MASTER_KEY is not set and ${path} does not exist: set HUB_MASTER_KEY (32 bytes, base64) on every instance`,
      ),
    );
    expect(existsSync(path)).toBe(false);
  });
});

describe('deriveKey', () => {
  it('is HKDF-SHA256 with an empty salt (RFC 5869 test case 3)', () => {
    expect(deriveKey(Buffer.alloc(22, 0x0b), '').toString('hex')).toBe(
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d',
    );
  });

  it('gives each purpose its own 32-byte key, none of them the master key', () => {
    const master = randomBytes(32);
    const credentials = deriveKey(master, 'pms-hub credentials v1');
    const apiKeys = deriveKey(master, 'pms-hub api keys v1');
    expect(credentials).toHaveLength(32);
    expect(credentials.equals(apiKeys)).toBe(false);
    expect(credentials.equals(master)).toBe(false);
    expect(deriveKey(master, 'pms-hub credentials v1').equals(credentials)).toBe(true);
  });
});

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}
