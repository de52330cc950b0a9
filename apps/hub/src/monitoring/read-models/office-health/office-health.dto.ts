import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HealthStatus } from '@pms-hub/domain';
import { HealthSummary, OfficeHealthView } from './office-health.view';

const STATUSES: readonly HealthStatus[] = ['healthy', 'degraded', 'unhealthy', 'unknown'];

export class EndpointHealthDto {
  @ApiProperty({ example: 'GET /api/health' }) readonly endpoint!: string;
  @ApiProperty() readonly healthy!: boolean;
  @ApiProperty() readonly responseTimeMs!: number;
  @ApiPropertyOptional() readonly statusCode?: number;
  @ApiPropertyOptional() readonly error?: string;
}

/** OpenAPI shape of one office's health. */
export class OfficeHealthDto implements OfficeHealthView {
  @ApiProperty() readonly officeId!: string;
  @ApiProperty({ example: 'dentrix' }) readonly pmsType!: string;
  @ApiProperty({
    enum: STATUSES,
    description: 'changes only after 2 consecutive checks agree; unknown before',
  })
  readonly status!: HealthStatus;
  @ApiProperty({ type: String, nullable: true, description: 'when the last check was sent' })
  readonly lastCheck!: string | null;
  @ApiPropertyOptional({ description: "the last check's response time, ms" })
  readonly responseTime?: number;
  @ApiPropertyOptional() readonly errorMessage?: string;
  @ApiProperty({ type: [EndpointHealthDto] }) readonly endpoints!: EndpointHealthDto[];
}

export class HealthCountsDto {
  @ApiProperty() readonly healthy!: number;
  @ApiProperty() readonly degraded!: number;
  @ApiProperty() readonly unhealthy!: number;
  @ApiProperty() readonly unknown!: number;
}

export class HealthSummaryDto implements HealthSummary {
  @ApiProperty({ type: HealthCountsDto }) readonly counts!: HealthCountsDto;
  @ApiProperty({
    type: [OfficeHealthDto],
    description: 'offices not healthy, most severe first, at most 10',
  })
  readonly worst!: OfficeHealthDto[];
}
