import { ApiProperty } from '@nestjs/swagger';
import { PERFORMANCE_WINDOWS, PerformanceFigures, PerformanceWindow } from '@pms-hub/domain';
import { OfficePerformance } from './office-performance.projection';

export const WINDOWS = Object.keys(PERFORMANCE_WINDOWS) as PerformanceWindow[];

const nullableNumber = (description: string) => ({ type: Number, nullable: true, description });

export class PerformanceFiguresDto implements PerformanceFigures {
  @ApiProperty({ description: 'PMS call attempts (a retried read counts once per attempt)' })
  readonly requestCount!: number;
  @ApiProperty(nullableNumber('fraction of 1; null without calls')) readonly successRate!:
    number | null;
  @ApiProperty(nullableNumber('fraction of 1; null without calls')) readonly errorRate!:
    number | null;
  @ApiProperty(nullableNumber('exact mean, ms')) readonly averageMs!: number | null;
  @ApiProperty(nullableNumber('nearest rank, within 0.5 %, ms')) readonly p50Ms!: number | null;
  @ApiProperty(nullableNumber('nearest rank, within 0.5 %, ms')) readonly p95Ms!: number | null;
  @ApiProperty(nullableNumber('nearest rank, within 0.5 %, ms')) readonly p99Ms!: number | null;
}

/** OpenAPI shape of one office's PMS performance over a window. */
export class OfficePerformanceDto implements OfficePerformance {
  @ApiProperty() readonly officeId!: string;
  @ApiProperty({ example: 'dentrix' }) readonly pmsType!: string;
  @ApiProperty({ enum: WINDOWS }) readonly window!: PerformanceWindow;
  @ApiProperty({ description: 'window start (exclusive), ISO 8601' }) readonly from!: string;
  @ApiProperty({ description: 'window end: the time of the request' }) readonly to!: string;
  @ApiProperty({ type: PerformanceFiguresDto }) readonly overall!: PerformanceFiguresDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/PerformanceFiguresDto' },
    description: 'by PMS operation, e.g. getAvailability',
  })
  readonly operations!: Record<string, PerformanceFiguresDto>;
}
