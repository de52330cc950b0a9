import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../commands/is-calendar-date.validator';

export class AvailabilityQueryDto {
  @ApiProperty({ example: '2026-12-01', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  readonly date!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly providerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly locationId?: string;
}

export class SlotDto {
  @ApiProperty() readonly providerId!: string;
  @ApiPropertyOptional() readonly locationId?: string;
  @ApiProperty({ description: 'ISO 8601 with offset' }) readonly start!: string;
  @ApiProperty({ description: 'ISO 8601 with offset' }) readonly end!: string;
}

export class ProviderDto {
  @ApiProperty() readonly providerId!: string;
  @ApiProperty() readonly name!: string;
  @ApiPropertyOptional() readonly specialty?: string;
  @ApiProperty({ type: [String] }) readonly locationIds!: string[];
}
