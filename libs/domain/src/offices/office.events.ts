import { DomainEvent } from '../shared/event';

/**
 * What the hub knows about an office. Never a secret: credentials live in the credential store,
 * and events only say that they were replaced.
 */
export interface OfficeProfile {
  /** 'dentrix' | 'eaglesoft' | 'carestack' | 'dummy': a string, the domain does not know the list. */
  readonly pmsType: string;
  /** null for the in-memory dummy PMS. */
  readonly baseUrl: string | null;
  /** IANA zone, e.g. 'America/New_York': the office's PMS speaks wall-clock time there. */
  readonly timeZone: string;
  /** The PMS location ids this office books into; [] = all. */
  readonly locations: readonly string[];
}

export type OfficeConfigSource = 'config-file' | 'admin-api';

/** The office's first profile. Holds no secret, not even whether credentials were given. */
export type OfficeRegistered = DomainEvent<
  'OfficeRegistered',
  OfficeProfile & { readonly registeredVia: OfficeConfigSource }
>;

/** Only the fields that changed; new credentials are a flag, never their values. */
export type OfficeUpdated = DomainEvent<
  'OfficeUpdated',
  {
    readonly changes: Partial<OfficeProfile>;
    readonly credentialsReplaced: boolean;
    readonly updatedVia: OfficeConfigSource;
  }
>;

/** office-profile-<officeId>: the office's registration, then every change to it. */
export type OfficeEvent = OfficeRegistered | OfficeUpdated;

/** Not `office-<id>`: office `health-x` would share a stream with office-health-x. */
export const OFFICE_PROFILE_STREAM_PREFIX = 'office-profile-';
export const officeStream = (officeId: string): string =>
  `${OFFICE_PROFILE_STREAM_PREFIX}${officeId}`;
