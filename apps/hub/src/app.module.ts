import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { createKafkaProbe } from '@pms-hub/messaging';
import { ApiKeyGuard } from './access/api-key.guard';
import { ApiKeyRegistry } from './access/api-key.registry';
import { ApiKeysController } from './access/api-keys.controller';
import { IssueApiKeyController } from './access/commands/issue-api-key/issue-api-key.controller';
import { IssueApiKeyHandler } from './access/commands/issue-api-key/issue-api-key.handler';
import { RevokeApiKeyController } from './access/commands/revoke-api-key/revoke-api-key.controller';
import { RevokeApiKeyHandler } from './access/commands/revoke-api-key/revoke-api-key.handler';
import { OfficeCatalogController } from './offices/read-models/office-catalog/office-catalog.controller';
import { OfficeCatalogProjection } from './offices/read-models/office-catalog/office-catalog.projection';
import { RegisterOfficeController } from './offices/commands/register-office/register-office.controller';
import { RegisterOfficeHandler } from './offices/commands/register-office/register-office.handler';
import { CREDENTIAL_STORE, CredentialStore } from './platform/secrets/credential-store.port';
import { BookAppointmentHandler } from './scheduling/commands/book-appointment/book-appointment.handler';
import { CancelAppointmentHandler } from './scheduling/commands/cancel-appointment/cancel-appointment.handler';
import { ConnectionTestController } from './offices/connection-test/connection-test.controller';
import { ConnectionTestService } from './offices/connection-test/connection-test.service';
import { EventStoreHealthIndicator } from './platform/probes/event-store.indicator';
import { KafkaHealthIndicator } from './platform/probes/kafka.indicator';
import { KAFKA_PROBE } from './platform/probes/kafka-probe.token';
import { LivenessController } from './platform/probes/probes.controller';
import { RecordCircuitChangeHandler } from './monitoring/commands/record-circuit-change/record-circuit-change.handler';
import { OfficeHealthController } from './monitoring/read-models/office-health/office-health.controller';
import { OfficeHealthProjection } from './monitoring/read-models/office-health/office-health.projection';
import { OfficePerformanceController } from './monitoring/read-models/office-performance/office-performance.controller';
import { OfficePerformanceProjection } from './monitoring/read-models/office-performance/office-performance.projection';
import { MonitorService } from './monitoring/monitor.service';
import { MonitoringController } from './monitoring/monitoring.controller';
import { RecordHealthCheckHandler } from './monitoring/commands/record-health-check/record-health-check.handler';
import { CommandOutcomeReader } from './scheduling/command-outcome.reader';
import { CommandsController } from './scheduling/commands.controller';
import { PmsProcessRunner } from './scheduling/pms-process.runner';
import { HUB_CONFIG, HubConfig } from './platform/config/hub.config';
import { CreatePatientHandler } from './scheduling/commands/create-patient/create-patient.handler';
import { CommandIntakeHandler } from './scheduling/command-intake.handler';
import { HUB_METRICS, HubMetrics } from './platform/metrics/hub.metrics';
import { MetricsController } from './platform/metrics/metrics.controller';
import { OfficeDirectory } from './offices/office-directory';
import { OfficesController } from './scheduling/live-reads/live-reads.controller';

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
