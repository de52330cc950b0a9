import {
  OFFICE_HEALTH_STREAM_PREFIX,
  OFFICE_TRAFFIC_STREAM_PREFIX,
  PMS_CIRCUIT_STREAM_PREFIX,
} from '@pms-hub/domain';

/**
 * The streams whose old events may expire: telemetry, named one by one. An allow-list, never a
 * deny-list, so a new kind of stream is kept forever until someone decides otherwise here.
 * Commands, offices, API keys, checkpoints and alerts are business facts: never listed.
 */
export const TELEMETRY_STREAM_PREFIXES: readonly string[] = [
  OFFICE_HEALTH_STREAM_PREFIX,
  OFFICE_TRAFFIC_STREAM_PREFIX,
  PMS_CIRCUIT_STREAM_PREFIX,
  // The monitoring leases' log (MONITOR_INSTANCES_STREAM): a heartbeat per instance.
  'monitor-instances',
];
