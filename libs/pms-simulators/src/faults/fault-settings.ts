/**
 * Faults a test or a demo can inject into any PMS simulator, through `POST /_control/faults`.
 * Every field is optional; `routes` limits the faults to some routes (e.g. `POST /api/appointments`),
 * else they hit every vendor route. Control routes (`/_control/*`) are never faulted.
 */
export interface FaultSettings {
  /** Added to every answer, after the work is done (a caller that gives up leaves it done). */
  readonly latencyMs?: number;
  /** Uniformly random latency, instead of `latencyMs`. */
  readonly latency?: { readonly minMs: number; readonly maxMs: number };
  /** Share of requests (0..1) answered 500 before any work. */
  readonly errorRate?: number;
  /** Every faulted route answers 503. */
  readonly outage?: boolean;
  /** The next `count` requests (default: all, until cleared) answer 429 with this Retry-After. */
  readonly rateLimit?: { readonly retryAfterSeconds: number; readonly count?: number };
  /** 2xx answers carry a body that is not JSON (after the work is done). */
  readonly malformedJson?: boolean;
  /** Requests are accepted and never answered (until the faults are cleared or the server closes). */
  readonly hang?: boolean;
  readonly routes?: readonly string[];
}

/** Invalid fault settings; `field` names what to fix, e.g. `rateLimit.retryAfterSeconds`. */
export class FaultSettingsError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'FaultSettingsError';
  }
}

type Fields = Record<string, unknown>;

const FIELDS = new Set([
  'latencyMs',
  'latency',
  'errorRate',
  'outage',
  'rateLimit',
  'malformedJson',
  'hang',
  'routes',
]);
const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) \/\S*$/;

/**
 * Checks settings field by field (JSON from the control API, or typed settings whose values may
 * still be out of range). With `declaredRoutes`, a route the simulator does not serve is refused:
 * a mistyped route would otherwise silently fault nothing.
 */
export function validateFaultSettings(
  raw: unknown,
  declaredRoutes?: ReadonlySet<string>,
): FaultSettings {
  const settings = object(raw, 'faults');
  const unknown = Object.keys(settings).find((field) => !FIELDS.has(field));
  if (unknown !== undefined) throw new FaultSettingsError(unknown, 'is not a fault setting');
  optional(settings, 'latencyMs', (value, field) => milliseconds(value, field));
  optional(settings, 'latency', (value, field) => {
    const range = object(value, field);
    const minMs = milliseconds(range.minMs, `${field}.minMs`);
    if (milliseconds(range.maxMs, `${field}.maxMs`) < minMs) {
      throw new FaultSettingsError(`${field}.maxMs`, 'must be at least minMs');
    }
  });
  optional(settings, 'errorRate', (value, field) => {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new FaultSettingsError(field, 'must be a number from 0 to 1');
    }
  });
  for (const flag of ['outage', 'malformedJson', 'hang']) {
    optional(settings, flag, (value, field) => {
      if (typeof value !== 'boolean') throw new FaultSettingsError(field, 'must be a boolean');
    });
  }
  optional(settings, 'rateLimit', (value, field) => {
    const limit = object(value, field);
    wholeNumber(limit.retryAfterSeconds, `${field}.retryAfterSeconds`, 0);
    optional(limit, 'count', (count) => wholeNumber(count, `${field}.count`, 1));
  });
  optional(settings, 'routes', (value, field) => routes(value, field, declaredRoutes));
  return settings as FaultSettings;
}

function object(value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FaultSettingsError(field, 'must be an object');
  }
  return value as Fields;
}

function optional(fields: Fields, field: string, check: (value: unknown, field: string) => void) {
  if (fields[field] !== undefined) check(fields[field], field);
}

function milliseconds(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FaultSettingsError(field, 'must be a number of milliseconds >= 0');
  }
  return value;
}

function wholeNumber(value: unknown, field: string, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new FaultSettingsError(field, `must be a whole number >= ${min}`);
  }
}

function routes(value: unknown, field: string, declared?: ReadonlySet<string>): void {
  if (!Array.isArray(value)) throw new FaultSettingsError(field, 'must be a list of routes');
  value.forEach((route: unknown, i) => {
    if (typeof route !== 'string' || !ROUTE.test(route)) {
      throw new FaultSettingsError(`${field}[${i}]`, 'must look like "POST /api/appointments"');
    }
    if (declared && !declared.has(route)) {
      throw new FaultSettingsError(`${field}[${i}]`, `is not a route of this simulator: ${route}`);
    }
  });
}
