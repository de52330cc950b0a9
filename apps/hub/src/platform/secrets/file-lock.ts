import { randomBytes } from 'node:crypto';
import { open, readFile, rm, stat } from 'node:fs/promises';

/** Longer than any holder keeps it (one file replace): older, its holder died with it held. */
const STALE_AFTER_MS = 30_000;
const GIVE_UP_AFTER_MS = 60_000;

/**
 * Runs `work` holding `<path>` as a lock file, created exclusively: processes sharing a volume
 * take turns. A lock older than STALE_AFTER_MS was left by a process that died holding it, and
 * is broken.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const token = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      const file = await open(path, 'wx', 0o600);
      await file.writeFile(token);
      await file.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(path)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`${path} is held by another process: remove it if no hub is running`);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  try {
    return await work();
  } finally {
    // Only our own lock: had ours been broken as stale, another holder's is not ours to remove.
    if ((await readFile(path, 'utf8').catch(() => '')) === token) await rm(path, { force: true });
  }
}

async function isStale(path: string): Promise<boolean> {
  const taken = await stat(path).catch(() => undefined);
  return taken !== undefined && Date.now() - taken.mtimeMs > STALE_AFTER_MS;
}
