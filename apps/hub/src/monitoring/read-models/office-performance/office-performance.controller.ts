import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
  ServiceUnavailableException,
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
  @ApiResponse({ status: 503, description: 'Still loading its saved bins after a start' })
  officePerformance(
    @Param('officeId') officeId: string,
    @Query('window') window = '1h',
  ): OfficePerformance {
    if (!isPerformanceWindow(window)) {
      throw new BadRequestException(`window must be one of ${WINDOWS.join(', ')}`);
    }
    if (!this.performance.ready) {
      throw new ServiceUnavailableException(
        'the performance read model is still loading its saved bins after the start: ' +
          'try again in a few seconds',
      );
    }
    const view = this.performance.performance(officeId, window, Date.now());
    if (!view) throw new NotFoundException(`unknown office "${officeId}"`);
    return view;
  }
}
