import { OfficeProfile } from '@pms-hub/domain';
import { PmsConnection } from '@pms-hub/pms';
import { OfficeCredentials } from '../platform/secrets/credential-store.port';

export interface OfficeConfig {
  readonly officeId: string;
  /** IANA zone of the office; its PMS speaks wall-clock time there. Default UTC. */
  readonly timeZone?: string;
  /** The PMS location ids the office books into; absent or empty: all. */
  readonly locations?: readonly string[];
  readonly connection: PmsConnection;
}

/** What the store records of an office: everything but the secrets. */
export function profileOf({ timeZone, locations, connection }: OfficeConfig): OfficeProfile {
  return {
    pmsType: connection.pmsType,
    baseUrl: 'baseUrl' in connection ? connection.baseUrl : null,
    timeZone: timeZone ?? 'UTC',
    locations: locations ?? [],
  };
}

/** What the credential store keeps: the connection's fields but its type and address. */
export function credentialsOf({ connection }: OfficeConfig): OfficeCredentials {
  return Object.fromEntries(
    Object.entries(connection).filter(([field]) => field !== 'pmsType' && field !== 'baseUrl'),
  );
}

/** The two halves joined again, as the adapter factory takes them. */
export function officeConfigOf(
  officeId: string,
  { pmsType, baseUrl, timeZone, locations }: OfficeProfile,
  credentials: OfficeCredentials,
): OfficeConfig {
  const connection = { ...credentials, pmsType, ...(baseUrl === null ? {} : { baseUrl }) };
  return { officeId, timeZone, locations, connection: connection as unknown as PmsConnection };
}
