import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyPrincipal, mayTouchOffice } from '@pms-hub/domain';
import { CurrentApiKey, RequiresScope } from '../../../platform/http/requires-scope.decorator';
import { OfficeDto } from './office-catalog.dto';
import { OfficeCatalogProjection } from './office-catalog.projection';
import { OfficeView, officeViewOf } from './office.view';
import { OFFICE_MONITORING, OfficeMonitoring } from '../../office-monitoring.port';

/** The registered offices: profiles from the store, never credentials. */
@ApiTags('offices')
@Controller('offices')
@RequiresScope('read', { office: 'path' })
export class OfficeCatalogController {
  constructor(
    private readonly catalog: OfficeCatalogProjection,
    @Inject(OFFICE_MONITORING) private readonly monitoring: OfficeMonitoring,
  ) {}

  /** The offices the key covers. */
  @Get()
  @RequiresScope('read', { narrowed: true })
  @ApiOkResponse({ type: [OfficeDto] })
  list(@CurrentApiKey() key: ApiKeyPrincipal): OfficeView[] {
    return this.catalog
      .list()
      .filter(({ officeId }) => mayTouchOffice(key, officeId))
      .map((entry) => officeViewOf(entry, this.monitoring.monitored(entry.officeId)));
  }

  @Get(':officeId')
  @ApiOkResponse({ type: OfficeDto })
  @ApiResponse({ status: 404, description: 'Unknown office' })
  office(@Param('officeId') officeId: string): OfficeView {
    const entry = this.catalog.find(officeId);
    if (!entry) throw new NotFoundException(`unknown office "${officeId}"`);
    return officeViewOf(entry, this.monitoring.monitored(officeId));
  }
}
