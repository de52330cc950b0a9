import { DomainEvent } from '../shared/event';
import { DurationHistogram } from './duration-histogram';

/** One attempt that reached an office's PMS, as the hub timed it. */
export interface PmsCall {
  readonly operation: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'error';
  /** The PMS's HTTP status, when the call failed with one. */
  readonly statusCode?: number;
}

/** What one operation's calls came to over one interval. */
export interface OperationTraffic {
  readonly count: number;
  readonly errors: number;
  /** The exact sum of the durations: averages need no histogram. */
  readonly totalMs: number;
  /** Failed calls by the PMS's HTTP status, for the failures that had one. */
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly histogram: DurationHistogram;
}

export interface TrafficRollup {
  readonly pmsType: string;
  /** The interval [from, to), ISO 8601 UTC. */
  readonly from: string;
  readonly to: string;
  readonly operations: Readonly<Record<string, OperationTraffic>>;
}

/**
 * An office's PMS calls over one recorder interval: one event per interval with traffic, so the
 * event volume is bounded by the interval, not by the number of calls.
 */
export type PmsTrafficRolledUp = DomainEvent<'PmsTrafficRolledUp', TrafficRollup>;

/** office-traffic-<officeId>: an append-only log of rollups; nothing is decided from its history. */
export type OfficeTrafficEvent = PmsTrafficRolledUp;

export const OFFICE_TRAFFIC_STREAM_PREFIX = 'office-traffic-';

export const officeTrafficStream = (officeId: string): string =>
  `${OFFICE_TRAFFIC_STREAM_PREFIX}${officeId}`;
