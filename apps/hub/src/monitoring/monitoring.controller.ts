import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RequiresScope } from '../platform/http/requires-scope.decorator';
import { MonitorService, MonitoringStatus } from './monitor.service';

export class RefreshQueryDto {
  @ApiPropertyOptional({ description: 'check this office only; absent: every office' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  readonly officeId?: string;
}

export class MonitoringStatusDto implements MonitoringStatus {
  @ApiProperty({ example: 'hub-1@host-a#4242', description: 'this process' })
  readonly holder!: string;
  @ApiProperty({ description: 'monitoring every office it owns (POST /monitoring/start)' })
  readonly monitoringAll!: boolean;
  @ApiProperty({ type: [String], description: 'instances with a live monitoring lease' })
  readonly holders!: string[];
  @ApiProperty({ type: [String], description: 'offices this instance checks' })
  readonly offices!: string[];
}

/** Starts and stops the periodic health checks; an unknown office is a 404 (UnknownOfficeError). */
@ApiTags('monitoring')
@Controller()
@RequiresScope('admin')
@ApiResponse({ status: 404, description: 'Unknown office' })
export class MonitoringController {
  constructor(private readonly monitor: MonitorService) {}

  @Get('monitoring')
  @ApiOkResponse({ type: MonitoringStatusDto })
  status(): MonitoringStatusDto {
    return this.monitor.status() as MonitoringStatusDto;
  }

  @Post('monitoring/start')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Every office is monitored, by this instance or another sharing the store',
  })
  start(): Promise<void> {
    return this.monitor.start();
  }

  @Post('monitoring/stop')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No further checks start; those in flight are recorded' })
  stop(): Promise<void> {
    return this.monitor.stop();
  }

  @Post('monitoring/refresh')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Checked now, and the results recorded' })
  refresh(@Query() { officeId }: RefreshQueryDto): Promise<void> {
    return this.monitor.refresh(officeId);
  }

  @Post('offices/:officeId/monitoring/start')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The office is monitored' })
  startOffice(@Param('officeId') officeId: string): void {
    this.monitor.startOffice(officeId);
  }

  @Post('offices/:officeId/monitoring/stop')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No further check of the office starts' })
  stopOffice(@Param('officeId') officeId: string): void {
    this.monitor.stopOffice(officeId);
  }
}
