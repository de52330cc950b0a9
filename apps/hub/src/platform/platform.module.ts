import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { KafkaConfig, createKafkaProbe } from '@pms-hub/messaging';
import { MetricsController } from './metrics/metrics.controller';
import { EventStoreIndicator } from './probes/event-store.indicator';
import { KAFKA_PROBE } from './probes/kafka-probe.token';
import { KafkaIndicator } from './probes/kafka.indicator';
import { ProbesController } from './probes/probes.controller';
import { ReadModelRegistry } from './read-models/read-model.registry';
import { ReadModelsController } from './read-models/read-models.controller';

/** The hub's own probes, metrics and read-model admin; Kafka is probed only in Kafka mode. */
@Module({})
export class PlatformModule {
  static register(kafka: KafkaConfig | undefined): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule],
      controllers: [MetricsController, ProbesController, ReadModelsController],
      providers: [
        EventStoreIndicator,
        KafkaIndicator,
        ReadModelRegistry,
        // Closed by KafkaIndicator with the module.
        ...(kafka ? [{ provide: KAFKA_PROBE, useFactory: () => createKafkaProbe(kafka) }] : []),
      ],
      exports: [ReadModelRegistry],
    };
  }
}
