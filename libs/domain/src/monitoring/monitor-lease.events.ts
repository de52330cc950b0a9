import { DomainEvent } from '../shared/event';

/** An instance monitors offices until `expiresAt` unless it renews the lease before then. */
export type MonitorLeaseRenewed = DomainEvent<
  'MonitorLeaseRenewed',
  {
    /** One running process: its HUB_INSTANCE_ID, host and pid. */
    readonly holder: string;
    readonly renewedAt: string;
    readonly expiresAt: string;
  }
>;

/** The instance stopped monitoring (a clean shutdown or POST /monitoring/stop). */
export type MonitorLeaseReleased = DomainEvent<
  'MonitorLeaseReleased',
  { readonly holder: string; readonly releasedAt: string }
>;

/** monitor-instances: every instance's monitoring lease, an append-only log. */
export type MonitorLeaseEvent = MonitorLeaseRenewed | MonitorLeaseReleased;

export const MONITOR_INSTANCES_STREAM = 'monitor-instances';
