import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../../platform/http/is-calendar-date.validator';

export class CreatePatientPayload {
  @ApiProperty({ example: 'Ada' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly firstName!: string;

  @ApiProperty({ example: 'Lovelace' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly lastName!: string;

  @ApiProperty({ example: '1985-12-10', description: 'YYYY-MM-DD' })
  @IsCalendarDate({ past: true })
  readonly dateOfBirth!: string;

  @ApiPropertyOptional({ example: '+1 555 0100' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[\d ()-]{7,20}$/, {
    message: 'phone must be 7-20 digits, spaces, dashes or parentheses',
  })
  readonly phone?: string;

  @ApiPropertyOptional({ example: 'ada@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  readonly email?: string;
}
