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

/**
 * The checks since the last one recorded that were not recorded on their own: each agreed with
 * the office's status and brought no new error.
 */
export interface UnrecordedChecks {
  readonly count: number;
  readonly failures: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly totalMs: number;
  /** When the first of them was sent. */
  readonly since: string;
}

export interface HealthCheck {
  readonly pmsType: string;
  readonly healthy: boolean;
  readonly responseTimeMs: number;
  readonly endpoints: readonly EndpointCheck[];
  readonly error?: string;
  /** When the check was sent, which may be a little before the event was recorded. */
  readonly checkedAt: string;
  /** The checks before this one that were not recorded; absent: none. */
  readonly unrecorded?: UnrecordedChecks;
}

/**
 * A health check of an office's PMS, recorded when it says something new (see
 * `officeHealthDecider`), or as the minute's summary, with the checks left unrecorded before it.
 */
export type PmsHealthChecked = DomainEvent<
  'PmsHealthChecked',
  HealthCheck & {
    /**
     * The office's status once this check is decided: the tail of the stream is enough to fold
     * it. Absent from checks recorded before it was added.
     */
    readonly status?: HealthStatus;
  }
>;

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

/** office-health-<officeId>: the checks recorded and every status change, in order. */
export type OfficeHealthEvent = PmsHealthChecked | OfficeHealthChanged;

export const OFFICE_HEALTH_STREAM_PREFIX = 'office-health-';

export const officeHealthStream = (officeId: string): string =>
  `${OFFICE_HEALTH_STREAM_PREFIX}${officeId}`;
