import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health-indicator';

/**
 * Probes for the orchestrator. Static paths, so they never clash with the health read model's
 * `/health/summary` (OfficeHealthController) whatever the controllers' order. Kafka is not
 * probed yet: the Kafka client lives in kafka-mode.ts, out of this module's reach.
 */
@ApiTags('health')
@Controller('health')
export class LivenessController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
  ) {}

  /** Up while the process serves HTTP: nothing else is checked, so a restart cannot help it. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** 503 with terminus's body while the event store does not answer. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.eventStore.isHealthy('event-store')]);
  }
}
