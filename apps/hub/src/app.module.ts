import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { BookAppointmentHandler } from './book-appointment/book-appointment.handler';
import { CancelAppointmentHandler } from './cancel-appointment/cancel-appointment.handler';
import { ConnectionTestController } from './connection-test/connection-test.controller';
import { ConnectionTestService } from './connection-test/connection-test.service';
import { EventStoreHealthIndicator } from './liveness/event-store.health-indicator';
import { LivenessController } from './liveness/liveness.controller';
import { RecordCircuitChangeHandler } from './record-circuit-change/record-circuit-change.handler';
import { OfficeHealthController } from './health/office-health.controller';
import { OfficeHealthProjection } from './health/office-health.projection';
import { OfficePerformanceController } from './traffic/office-performance.controller';
import { OfficePerformanceProjection } from './traffic/office-performance.projection';
import { MonitorService } from './monitor/monitor.service';
import { MonitoringController } from './monitor/monitoring.controller';
import { OFFICE_IDS } from './offices/office-ids.token';
import { RecordHealthCheckHandler } from './record-health-check/record-health-check.handler';
import { CommandOutcomeReader } from './commands/command-outcome.reader';
import { CommandsController } from './commands/commands.controller';
import { PmsProcessRunner } from './commands/pms-process.runner';
import { HUB_CONFIG, HubConfig } from './config/hub.config';
import { CreatePatientHandler } from './create-patient/create-patient.handler';
import { CommandIntakeHandler } from './kafka/command-intake.handler';
import { HUB_METRICS, HubMetrics } from './metrics/hub.metrics';
import { MetricsController } from './metrics/metrics.controller';
import { OfficeDirectory } from './offices/office-directory';
import { OfficesController } from './offices/offices.controller';

/** What the hub runs on, opened before Nest starts so start-up failures are plain errors. */
export interface HubRuntime {
  readonly config: HubConfig;
  readonly offices: OfficeDirectory;
  /** Every configured office, in configuration order: what is monitored and summarised. */
  readonly officeIds: readonly string[];
  readonly store: EventStore;
  readonly metrics: HubMetrics;
  /** Kafka mode: commands also come from Kafka topics. */
  readonly kafka: boolean;
}

@Module({})
export class AppModule {
  static register(runtime: HubRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), TerminusModule],
      controllers: [
        CommandsController,
        OfficesController,
        MetricsController,
        MonitoringController,
        OfficeHealthController,
        OfficePerformanceController,
        ConnectionTestController,
        LivenessController,
      ],
      providers: [
        { provide: HUB_CONFIG, useValue: runtime.config },
        { provide: OfficeDirectory, useValue: runtime.offices },
        { provide: OFFICE_IDS, useValue: runtime.officeIds },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: HUB_METRICS, useValue: runtime.metrics },
        PmsProcessRunner,
        CommandOutcomeReader,
        BookAppointmentHandler,
        CreatePatientHandler,
        CancelAppointmentHandler,
        RecordCircuitChangeHandler,
        RecordHealthCheckHandler,
        MonitorService,
        OfficeHealthProjection,
        OfficePerformanceProjection,
        ConnectionTestService,
        EventStoreHealthIndicator,
        ...(runtime.kafka ? [CommandIntakeHandler] : []),
      ],
    };
  }
}
