import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_CREDENTIALS = {
  username: 'hub-test',
  password: 'pw-e2e-secret-7f3a',
  database: 'e2e',
  apiKey: 'key-e2e-secret-91c2',
} as const;

/**
 * Writes a new OFFICES_FILE of Dentrix offices: each id served at `baseUrl`, or each id of a
 * map at its own URL.
 */
export function writeOfficesFile(
  dir: string,
  offices: string | readonly string[] | Readonly<Record<string, string>>,
  baseUrl?: string,
): string {
  const path = join(dir, `offices-${randomUUID()}.json`);
  const urls: Record<string, string> =
    typeof offices === 'string' || Array.isArray(offices)
      ? Object.fromEntries([offices].flat().map((id) => [id, baseUrl!]))
      : (offices as Record<string, string>);
  const entries = Object.entries(urls).map(([officeId, url]) => ({
    officeId,
    connection: { pmsType: 'dentrix', baseUrl: url, ...TEST_CREDENTIALS },
  }));
  writeFileSync(path, JSON.stringify(entries));
  return path;
}
