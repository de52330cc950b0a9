import { DomainEvent } from '../shared/event';

/** An office's PMS as the hub sees it; `unknown` until enough checks agree. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

export interface EndpointCheck {
  readonly endpoint: string;
  readonly healthy: boolean;
  readonly responseTimeMs: number;
  readonly statusCode?: number;
  /** The adapter's message: names PMS, office and operation, never a credential or patient. */
  readonly error?: string;
}

export interface HealthCheck {
  readonly pmsType: string;
  readonly healthy: boolean;
  readonly responseTimeMs: number;
  readonly endpoints: readonly EndpointCheck[];
  readonly error?: string;
  /** When the check was sent, which may be a little before the event was recorded. */
  readonly checkedAt: string;
}

/** One health check of an office's PMS, whatever its result. */
export type PmsHealthChecked = DomainEvent<'PmsHealthChecked', HealthCheck>;

/** The office's status changed: enough consecutive checks agreed on a new one. */
export type OfficeHealthChanged = DomainEvent<
  'OfficeHealthChanged',
  {
    readonly from: HealthStatus;
    readonly to: HealthStatus;
    /** Why, in words free of secrets and patient data. */
    readonly reason: string;
  }
>;

/** office-health-<officeId>: every check and every status change, in order. */
export type OfficeHealthEvent = PmsHealthChecked | OfficeHealthChanged;

export const OFFICE_HEALTH_STREAM_PREFIX = 'office-health-';

export const officeHealthStream = (officeId: string): string =>
  `${OFFICE_HEALTH_STREAM_PREFIX}${officeId}`;
