import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { KafkaProbe } from '@pms-hub/messaging';
import { KAFKA_PROBE } from './kafka-probe.token';

const TIMEOUT_MS = 3000;

/**
 * Up when a Kafka broker describes the cluster in time (Kafka mode only: without a probe there is
 * nothing to check). Owns the probe: its connection is closed with the module.
 */
@Injectable()
export class KafkaIndicator implements OnModuleDestroy {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(KAFKA_PROBE) private readonly probe?: KafkaProbe,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    if (!this.probe) return indicator.down({ message: 'not in Kafka mode: no Kafka probe' });
    try {
      // The probe enforces the limit itself, a hanging broker included.
      await this.probe.check(TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.probe?.close();
  }
}
