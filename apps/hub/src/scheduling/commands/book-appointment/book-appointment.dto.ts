import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsInstantWithOffset } from '../../../platform/http/is-instant-with-offset.validator';

export class BookAppointmentPayload {
  @ApiProperty({ example: 'DTX-P-000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly patientId!: string;

  @ApiProperty({ example: 'DR-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly providerId!: string;

  @ApiPropertyOptional({ example: 'LOC-001' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly locationId?: string;

  @ApiProperty({ example: '2026-12-01T09:00:00Z', description: 'ISO 8601 with offset' })
  @IsInstantWithOffset()
  readonly start!: string;

  @ApiProperty({ example: 30, minimum: 5, maximum: 480 })
  @IsInt()
  @Min(5)
  @Max(480)
  readonly durationMinutes!: number;

  @ApiPropertyOptional({ example: 'cleaning' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w -]{1,64}$/, {
    message: 'appointmentType must be 1-64 letters, digits, spaces or dashes',
  })
  readonly appointmentType?: string;

  @ApiPropertyOptional({ description: 'Passed to the PMS; never stored in events' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  readonly notes?: string;
}
