import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_CREDENTIALS = {
  username: 'hub-test',
  password: 'pw-e2e-secret-7f3a',
  database: 'e2e',
  apiKey: 'key-e2e-secret-91c2',
} as const;

/** Writes an OFFICES_FILE that points one Dentrix office at `baseUrl`. */
export function writeOfficesFile(dir: string, officeId: string, baseUrl: string): string {
  const path = join(dir, 'offices.json');
  writeFileSync(
    path,
    JSON.stringify([
      { officeId, connection: { pmsType: 'dentrix', baseUrl, ...TEST_CREDENTIALS } },
    ]),
  );
  return path;
}
