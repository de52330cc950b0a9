import { ApiKeyPrincipal, mayTouchOffice } from '@pms-hub/domain';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentApiKey, RequiresScope } from '../../../platform/http/requires-scope.decorator';
import { HealthSummaryDto, OfficeHealthDto } from './office-health.dto';
import { OfficeHealthProjection } from './office-health.projection';
import { LatestHealthChecks } from './latest-health-checks';
import { HealthSummary, OfficeHealthView, withCheck } from './office-health.view';

/**
 * Reads of the health read model: the status recorded, never a live PMS call, and the last check
 * this instance made, which may not be recorded yet (a quiet office's is, once a minute).
 */
@ApiTags('health')
@Controller()
@RequiresScope('read', { office: 'path' })
export class OfficeHealthController {
  constructor(
    private readonly health: OfficeHealthProjection,
    private readonly latest: LatestHealthChecks,
  ) {}

  @Get('offices/:officeId/health')
  @ApiOkResponse({ type: OfficeHealthDto })
  @ApiResponse({ status: 404, description: 'Unknown office' })
  officeHealth(@Param('officeId') officeId: string): OfficeHealthView {
    const view = this.health.officeHealth(officeId);
    if (!view) throw new NotFoundException(`unknown office "${officeId}"`);
    return this.withLatest(view);
  }

  /** Over the offices the key covers. */
  @Get('health/summary')
  @RequiresScope('read', { narrowed: true })
  @ApiOkResponse({ type: HealthSummaryDto })
  summary(@CurrentApiKey() key: ApiKeyPrincipal): HealthSummary {
    const { counts, worst } = this.health.summary((officeId) => mayTouchOffice(key, officeId));
    return { counts, worst: worst.map((view) => this.withLatest(view)) };
  }

  private withLatest(view: OfficeHealthView): OfficeHealthView {
    const check = this.latest.get(view.officeId);
    const newer = check && (view.lastCheck === null || check.checkedAt > view.lastCheck);
    return newer ? withCheck(view, check) : view;
  }
}
