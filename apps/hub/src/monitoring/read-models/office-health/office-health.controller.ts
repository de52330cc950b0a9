import { ApiKeyPrincipal, mayTouchOffice } from '@pms-hub/domain';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentApiKey, RequiresScope } from '../../../platform/http/requires-scope.decorator';
import { HealthSummaryDto, OfficeHealthDto } from './office-health.dto';
import { OfficeHealthProjection } from './office-health.projection';
import { HealthSummary, OfficeHealthView } from './office-health.view';

/** Reads of the health read model: what the monitor recorded, never a live PMS call. */
@ApiTags('health')
@Controller()
@RequiresScope('read', { office: 'path' })
export class OfficeHealthController {
  constructor(private readonly health: OfficeHealthProjection) {}

  @Get('offices/:officeId/health')
  @ApiOkResponse({ type: OfficeHealthDto })
  @ApiResponse({ status: 404, description: 'Unknown office' })
  officeHealth(@Param('officeId') officeId: string): OfficeHealthView {
    const view = this.health.officeHealth(officeId);
    if (!view) throw new NotFoundException(`unknown office "${officeId}"`);
    return view;
  }

  /** Over the offices the key covers. */
  @Get('health/summary')
  @RequiresScope('read', { narrowed: true })
  @ApiOkResponse({ type: HealthSummaryDto })
  summary(@CurrentApiKey() key: ApiKeyPrincipal): HealthSummary {
    return this.health.summary((officeId) => mayTouchOffice(key, officeId));
  }
}
