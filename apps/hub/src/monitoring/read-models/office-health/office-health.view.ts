import {
  EndpointCheck,
  HealthCheck,
  HealthStatus,
  OfficeHealthEvent,
  assertNever,
} from '@pms-hub/domain';

/** One office's health as `GET /offices/:officeId/health` answers it. */
export interface OfficeHealthView {
  readonly officeId: string;
  readonly pmsType: string;
  /** The office's status after hysteresis, not the last check's own verdict. */
  readonly status: HealthStatus;
  /** When the last check was sent; null before any. */
  readonly lastCheck: string | null;
  /** The last check's response time, in milliseconds. */
  readonly responseTime?: number;
  readonly errorMessage?: string;
  readonly endpoints: readonly EndpointCheck[];
}

export interface HealthSummary {
  readonly counts: Record<HealthStatus, number>;
  /** Offices not healthy, most severe first (unhealthy, degraded, unknown), at most 10. */
  readonly worst: readonly OfficeHealthView[];
}

export const neverChecked = (officeId: string, pmsType: string): OfficeHealthView => ({
  officeId,
  pmsType,
  status: 'unknown',
  lastCheck: null,
  endpoints: [],
});

/** The view showing `check` as the last one; the status stays the recorded one. */
export function withCheck(view: OfficeHealthView, check: HealthCheck): OfficeHealthView {
  const { pmsType, checkedAt, responseTimeMs, endpoints, error } = check;
  const errorMessage = error ?? endpoints.find((endpoint) => endpoint.error)?.error;
  return {
    officeId: view.officeId,
    pmsType,
    status: view.status,
    lastCheck: checkedAt,
    responseTime: responseTimeMs,
    ...(errorMessage === undefined ? {} : { errorMessage }),
    endpoints,
  };
}

export function evolveView(view: OfficeHealthView, event: OfficeHealthEvent): OfficeHealthView {
  switch (event.type) {
    // A check carries the status after it: the view needs no change event expired long ago.
    case 'PmsHealthChecked':
      return { ...withCheck(view, event.data), status: event.data.status ?? view.status };
    case 'OfficeHealthChanged':
      return { ...view, status: event.data.to };
    default:
      return assertNever(event);
  }
}

const WORST_LIMIT = 10;

export function summarize(views: readonly OfficeHealthView[]): HealthSummary {
  const counts: Record<HealthStatus, number> = {
    healthy: 0,
    degraded: 0,
    unhealthy: 0,
    unknown: 0,
  };
  for (const { status } of views) counts[status]++;
  const worst = views
    .filter(({ status }) => status !== 'healthy')
    .sort((a, b) => severity(b.status) - severity(a.status) || a.officeId.localeCompare(b.officeId))
    .slice(0, WORST_LIMIT);
  return { counts, worst };
}

function severity(status: HealthStatus): number {
  switch (status) {
    case 'unhealthy':
      return 3;
    case 'degraded':
      return 2;
    case 'unknown':
      return 1;
    case 'healthy':
      return 0;
    default:
      return assertNever(status);
  }
}
