import { Global, Module } from '@nestjs/common';
import { OFFICE_MONITORING } from '../offices/office-monitoring.port';
import { RecordCircuitChangeHandler } from './commands/record-circuit-change/record-circuit-change.handler';
import { RecordHealthCheckHandler } from './commands/record-health-check/record-health-check.handler';
import { RecordMonitorLeaseHandler } from './commands/record-monitor-lease/record-monitor-lease.handler';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { HubConfig } from '../platform/config/hub.config';
import { MONITOR_MEMBERSHIP, MonitorMembership, leaseTiming } from './monitor-membership';
import { HEALTH_RULES, healthRulesOf } from './health-rules';
import { MonitorService } from './monitor.service';
import { HUB_CONFIG } from '../platform/config/hub.config';
import { LatestHealthChecks } from './read-models/office-health/latest-health-checks';
import { MonitoringController } from './monitoring.controller';
import { OfficeHealthController } from './read-models/office-health/office-health.controller';
import { OfficeHealthProjection } from './read-models/office-health/office-health.projection';
import { OfficePerformanceController } from './read-models/office-performance/office-performance.controller';
import { OfficePerformanceProjection } from './read-models/office-performance/office-performance.projection';

/**
 * Health checks, circuit changes and traffic, with the health and performance read models.
 * Global for one export: the office views ask it whether an office is monitored, through a port
 * of theirs, so offices never imports monitoring.
 */
@Global()
@Module({
  controllers: [MonitoringController, OfficeHealthController, OfficePerformanceController],
  providers: [
    RecordCircuitChangeHandler,
    RecordHealthCheckHandler,
    RecordMonitorLeaseHandler,
    {
      provide: MONITOR_MEMBERSHIP,
      useFactory: (store: EventStore, config: HubConfig) =>
        new MonitorMembership(store, leaseTiming(config.monitor.intervalMs).ttlMs),
      inject: [EVENT_STORE, HUB_CONFIG],
    },
    { provide: HEALTH_RULES, useFactory: healthRulesOf, inject: [HUB_CONFIG] },
    LatestHealthChecks,
    MonitorService,
    OfficeHealthProjection,
    OfficePerformanceProjection,
    { provide: OFFICE_MONITORING, useExisting: MonitorService },
  ],
  exports: [OFFICE_MONITORING],
})
export class MonitoringModule {}
