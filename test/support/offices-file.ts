import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_CREDENTIALS = {
  username: 'hub-test',
  password: 'pw-e2e-secret-7f3a',
  database: 'e2e',
  apiKey: 'key-e2e-secret-91c2',
} as const;

/** Writes an OFFICES_FILE in which every office is a Dentrix office served at `baseUrl`. */
export function writeOfficesFile(
  dir: string,
  officeIds: string | readonly string[],
  baseUrl: string,
): string {
  const path = join(dir, 'offices.json');
  const ids = typeof officeIds === 'string' ? [officeIds] : officeIds;
  const offices = ids.map((officeId) => ({
    officeId,
    connection: { pmsType: 'dentrix', baseUrl, ...TEST_CREDENTIALS },
  }));
  writeFileSync(path, JSON.stringify(offices));
  return path;
}
