import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/is-calendar-date.validator';

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

export class LocationDto {
  @ApiProperty() readonly locationId!: string;
  @ApiProperty() readonly name!: string;
  @ApiPropertyOptional() readonly timeZone?: string;
}

export class PatientQueryDto {
  @ApiProperty({
    description: 'A last name, "First Last", a date of birth (YYYY-MM-DD) or a phone',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly q!: string;
}

export class PatientDto {
  @ApiProperty() readonly patientId!: string;
  @ApiProperty() readonly firstName!: string;
  @ApiProperty() readonly lastName!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) readonly dateOfBirth!: string;
  @ApiPropertyOptional() readonly phone?: string;
  @ApiPropertyOptional() readonly email?: string;
}
