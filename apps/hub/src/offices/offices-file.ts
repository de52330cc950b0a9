import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { PmsConnection, PmsType } from '@pms-hub/pms';
import { OfficeConfig } from './office-config';

/** The fields each PMS's connection needs, besides `pmsType`; all strings. */
const REQUIRED: Readonly<Record<PmsType, readonly string[]>> = {
  dentrix: ['baseUrl', 'username', 'password', 'database', 'apiKey'],
  eaglesoft: ['baseUrl', 'username', 'password', 'database', 'clientId', 'clientSecret'],
  carestack: ['baseUrl', 'username', 'password', 'vendorKey', 'accountKey', 'accountId'],
  dummy: [],
};

/**
 * Offices file: a JSON array of offices (see parseOfficeConfig). Errors name the entry and field,
 * never a value: the file holds credentials.
 */
export function readOfficesFile(path: string): OfficeConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`OFFICES_FILE ${path} is missing or not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new Error(`OFFICES_FILE ${path} must hold a JSON array`);
  const offices = parsed.map((entry, index) =>
    parseOfficeConfig(entry, `OFFICES_FILE entry ${index}`),
  );
  const seen = new Set<string>();
  offices.forEach(({ officeId }, index) => {
    if (seen.has(officeId)) {
      throw new Error(`OFFICES_FILE entry ${index}: office ${officeId} is listed twice`);
    }
    seen.add(officeId);
  });
  return offices;
}

/**
 * One office as the offices file and `POST /offices` take it:
 * `{ officeId, timeZone?, locations?, connection: { pmsType, ...settings } }`.
 */
export function parseOfficeConfig(entry: unknown, where: string): OfficeConfig {
  const office = (entry ?? {}) as Partial<OfficeConfig>;
  if (typeof office.officeId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(office.officeId)) {
    throw new Error(`${where}: officeId must be 1-64 letters, digits, dots, dashes or underscores`);
  }
  const at = `${where} (${office.officeId})`;
  if (office.timeZone !== undefined && !IANAZone.isValidZone(office.timeZone)) {
    throw new Error(`${at}: timeZone must be an IANA zone such as America/New_York`);
  }
  const { locations } = office;
  if (
    locations !== undefined &&
    (!Array.isArray(locations) ||
      locations.length > 1000 ||
      !locations.every((id) => typeof id === 'string' && id !== '' && id.length <= 128))
  ) {
    throw new Error(`${at}: locations must be a list of PMS location ids`);
  }
  const connection = (office.connection ?? {}) as Partial<Record<string, unknown>>;
  const pmsType = connection.pmsType;
  const required =
    typeof pmsType === 'string' && Object.hasOwn(REQUIRED, pmsType)
      ? REQUIRED[pmsType as PmsType]
      : undefined;
  if (!required) {
    throw new Error(`${at}: connection.pmsType must be one of ${Object.keys(REQUIRED).join(', ')}`);
  }
  for (const field of required) {
    if (typeof connection[field] !== 'string' || connection[field] === '') {
      throw new Error(`${at}: connection.${field} is missing`);
    }
  }
  if (typeof connection.baseUrl === 'string') checkBaseUrl(connection.baseUrl, at);
  for (const [field, value] of Object.entries(connection)) {
    if (field !== 'pmsType' && typeof value !== 'string') {
      throw new Error(`${at}: connection.${field} must be a string`);
    }
  }
  return {
    officeId: office.officeId,
    timeZone: office.timeZone,
    locations,
    connection: connection as unknown as PmsConnection,
  };
}

/**
 * The base URL is recorded in events and shown by the API, so it must not carry a secret:
 * credentials go in their own fields, never as `user:password@` or `?apiKey=`.
 */
function checkBaseUrl(baseUrl: string, at: string): void {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`${at}: connection.baseUrl must be an http(s) URL`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      `${at}: connection.baseUrl must not hold credentials, a query or a fragment: ` +
        'give them in their own connection fields',
    );
  }
}
