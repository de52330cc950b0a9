import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { createKafkaProbe } from '@pms-hub/messaging';
import { ApiKeyGuard } from './api-keys/api-key.guard';
import { ApiKeyRegistry } from './api-keys/api-key.registry';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { IssueApiKeyController } from './issue-api-key/issue-api-key.controller';
import { IssueApiKeyHandler } from './issue-api-key/issue-api-key.handler';
import { RevokeApiKeyController } from './revoke-api-key/revoke-api-key.controller';
import { RevokeApiKeyHandler } from './revoke-api-key/revoke-api-key.handler';
import { OfficeCatalogController } from './offices/office-catalog.controller';
import { OfficeCatalogProjection } from './offices/office-catalog.projection';
import { RegisterOfficeController } from './register-office/register-office.controller';
import { RegisterOfficeHandler } from './register-office/register-office.handler';
import { CREDENTIAL_STORE, CredentialStore } from './secrets/credential-store';
import { BookAppointmentHandler } from './book-appointment/book-appointment.handler';
import { CancelAppointmentHandler } from './cancel-appointment/cancel-appointment.handler';
import { ConnectionTestController } from './connection-test/connection-test.controller';
import { ConnectionTestService } from './connection-test/connection-test.service';
import { EventStoreHealthIndicator } from './liveness/event-store.health-indicator';
import { KafkaHealthIndicator } from './liveness/kafka.health-indicator';
import { KAFKA_PROBE } from './liveness/kafka-probe.token';
import { LivenessController } from './liveness/liveness.controller';
import { RecordCircuitChangeHandler } from './record-circuit-change/record-circuit-change.handler';
import { OfficeHealthController } from './health/office-health.controller';
import { OfficeHealthProjection } from './health/office-health.projection';
import { OfficePerformanceController } from './traffic/office-performance.controller';
import { OfficePerformanceProjection } from './traffic/office-performance.projection';
import { MonitorService } from './monitor/monitor.service';
import { MonitoringController } from './monitor/monitoring.controller';
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
  readonly store: EventStore;
  readonly metrics: HubMetrics;
  readonly apiKeys: ApiKeyRegistry;
  readonly credentials: CredentialStore;
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
        ApiKeysController,
        OfficeCatalogController,
        RegisterOfficeController,
        IssueApiKeyController,
        RevokeApiKeyController,
      ],
      providers: [
        { provide: HUB_CONFIG, useValue: runtime.config },
        { provide: OfficeDirectory, useValue: runtime.offices },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: HUB_METRICS, useValue: runtime.metrics },
        { provide: ApiKeyRegistry, useValue: runtime.apiKeys },
        { provide: CREDENTIAL_STORE, useValue: runtime.credentials },
        RegisterOfficeHandler,
        OfficeCatalogProjection,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        IssueApiKeyHandler,
        RevokeApiKeyHandler,
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
        KafkaHealthIndicator,
        ...(runtime.kafka ? [CommandIntakeHandler] : []),
        // Closed by KafkaHealthIndicator with the module.
        ...(runtime.kafka
          ? [{ provide: KAFKA_PROBE, useFactory: () => createKafkaProbe(runtime.config.kafka!) }]
          : []),
      ],
    };
  }
}
