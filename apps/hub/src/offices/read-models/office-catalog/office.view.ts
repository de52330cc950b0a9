import { CatalogEntry } from './office-catalog.projection';

export interface OfficeView {
  readonly officeId: string;
  readonly pmsType: string;
  readonly baseUrl: string | null;
  readonly timeZone: string;
  readonly locations: readonly string[];
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly credentialsReplacedAt?: string;
  readonly served: boolean;
  readonly monitored: boolean;
}

export function officeViewOf(
  { officeId, profile, registeredAt, updatedAt, credentialsReplacedAt, served }: CatalogEntry,
  monitored: boolean,
): OfficeView {
  return {
    officeId,
    ...profile,
    registeredAt,
    updatedAt,
    ...(credentialsReplacedAt ? { credentialsReplacedAt } : {}),
    served,
    monitored,
  };
}
