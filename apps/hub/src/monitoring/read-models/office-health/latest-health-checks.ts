import { Injectable } from '@nestjs/common';
import { HealthCheck } from '@pms-hub/domain';

/**
 * Each office's last check made by this instance, recorded or not: a check that says nothing new
 * waits up to a minute for the store, while the health view shows the last one at once. In memory,
 * one entry per office.
 */
@Injectable()
export class LatestHealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  note(officeId: string, check: HealthCheck): void {
    const known = this.checks.get(officeId);
    if (!known || known.checkedAt <= check.checkedAt) this.checks.set(officeId, check);
  }

  get(officeId: string): HealthCheck | undefined {
    return this.checks.get(officeId);
  }
}
