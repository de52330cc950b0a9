import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { isPerformanceWindow } from '@pms-hub/domain';
import { RequiresScope } from '../../../platform/http/requires-scope.decorator';
import { OfficePerformanceDto, WINDOWS } from './office-performance.dto';
import { OfficePerformance, OfficePerformanceProjection } from './office-performance.projection';

/** Reads of the performance read model: what the recorder rolled up, never a live PMS call. */
@ApiTags('performance')
@Controller()
@RequiresScope('read', { office: 'path' })
export class OfficePerformanceController {
  constructor(private readonly performance: OfficePerformanceProjection) {}

  @Get('offices/:officeId/performance')
  @ApiQuery({ name: 'window', enum: WINDOWS, required: false, description: 'default 1h' })
  @ApiOkResponse({ type: OfficePerformanceDto })
  @ApiResponse({ status: 400, description: 'Unknown window' })
  @ApiResponse({ status: 404, description: 'Unknown office' })
  officePerformance(
    @Param('officeId') officeId: string,
    @Query('window') window = '1h',
  ): OfficePerformance {
    if (!isPerformanceWindow(window)) {
      throw new BadRequestException(`window must be one of ${WINDOWS.join(', ')}`);
    }
    const view = this.performance.performance(officeId, window, Date.now());
    if (!view) throw new NotFoundException(`unknown office "${officeId}"`);
    return view;
  }
}
