import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { KafkaProbe } from '@pms-hub/messaging';
import { PublicRoute } from '../http/requires-scope.decorator';
import { EventStoreIndicator } from './event-store.indicator';
import { KafkaIndicator } from './kafka.indicator';
import { KAFKA_PROBE } from './kafka-probe.token';

/**
 * Probes for the orchestrator. Static paths, so they never clash with the health read model's
 * `/health/summary` (OfficeHealthController) whatever the controllers' order. Readiness checks the
 * event store, and Kafka too in Kafka mode (when the module provides a KAFKA_PROBE); without a
 * probe, only the store. Public: an orchestrator probes without an API key.
 */
@ApiTags('probes')
@Controller('health')
@PublicRoute()
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreIndicator,
    private readonly kafka: KafkaIndicator,
    @Optional() @Inject(KAFKA_PROBE) private readonly kafkaProbe?: KafkaProbe,
  ) {}

  /** Up while the process serves HTTP: nothing else is checked, so a restart cannot help it. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** 503 with terminus's body while the event store (or, in Kafka mode, Kafka) does not answer. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.eventStore.isHealthy('event-store'),
      ...(this.kafkaProbe ? [() => this.kafka.isHealthy('kafka')] : []),
    ]);
  }
}
