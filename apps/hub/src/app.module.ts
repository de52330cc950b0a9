import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { AccessModule } from './access/access.module';
import { ApiKeyRegistry } from './access/api-key.registry';
import { MonitoringModule } from './monitoring/monitoring.module';
import { OfficeDirectory } from './offices/office-directory';
import { OfficesModule } from './offices/offices.module';
import { HUB_CONFIG, HubConfig } from './platform/config/hub.config';
import { HUB_METRICS, HubMetrics } from './platform/metrics/hub.metrics';
import { PlatformModule } from './platform/platform.module';
import { CREDENTIAL_STORE, CredentialStore } from './platform/secrets/credential-store.port';
import { READ_MODEL_STORE, ReadModelStore } from './platform/read-models/read-model.store.port';
import { SchedulingModule } from './scheduling/scheduling.module';

/** What the hub runs on, opened before Nest starts so start-up failures are plain errors. */
export interface HubRuntime {
  readonly config: HubConfig;
  readonly offices: OfficeDirectory;
  readonly store: EventStore;
  readonly metrics: HubMetrics;
  readonly apiKeys: ApiKeyRegistry;
  readonly credentials: CredentialStore;
  readonly readModels: ReadModelStore;
  /** Kafka mode: commands also come from Kafka topics. */
  readonly kafka: boolean;
}

/** The runtime, visible to every context without each importing the others. */
@Module({})
class HubRuntimeModule {}

@Module({})
export class AppModule {
  static register(runtime: HubRuntime): DynamicModule {
    const values = [
      { provide: HUB_CONFIG, useValue: runtime.config },
      { provide: OfficeDirectory, useValue: runtime.offices },
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: HUB_METRICS, useValue: runtime.metrics },
      { provide: ApiKeyRegistry, useValue: runtime.apiKeys },
      { provide: CREDENTIAL_STORE, useValue: runtime.credentials },
      { provide: READ_MODEL_STORE, useValue: runtime.readModels },
    ];
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        {
          module: HubRuntimeModule,
          global: true,
          providers: values,
          exports: values.map(({ provide }) => provide),
        },
        PlatformModule.register(runtime.kafka ? runtime.config.kafka : undefined),
        AccessModule,
        OfficesModule,
        MonitoringModule,
        SchedulingModule.register(runtime.kafka),
      ],
    };
  }
}
