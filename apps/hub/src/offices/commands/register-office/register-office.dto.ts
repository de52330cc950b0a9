import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OfficeDto } from '../../read-models/office-catalog/office-catalog.dto';

export class RegisteredOfficeDto {
  @ApiProperty({ enum: ['registered', 'updated', 'unchanged'] }) readonly outcome!: string;
  @ApiProperty({ type: OfficeDto }) readonly office!: OfficeDto;
}

class ConnectionDto {
  @ApiProperty({ enum: ['dentrix', 'eaglesoft', 'carestack', 'dummy'] }) readonly pmsType!: string;
  @ApiPropertyOptional({ example: 'https://dentrix.example-dental.com' }) readonly baseUrl?: string;
  @ApiPropertyOptional({
    description:
      'Dentrix: username, password, database, apiKey. Eaglesoft: username, password, database, ' +
      'clientId, clientSecret. CareStack: username, password, vendorKey, accountKey, accountId. ' +
      'Stored encrypted, never returned.',
  })
  readonly username?: string;
}

/** Documentation of the body; it is checked by parseOfficeConfig, as the offices file is. */
export class RegisterOfficeDto {
  @ApiProperty({ example: 'smile-downtown', description: '1-64 letters, digits, . _ -' })
  readonly officeId!: string;
  @ApiPropertyOptional({ example: 'America/New_York', description: 'default UTC' })
  readonly timeZone?: string;
  @ApiPropertyOptional({ type: [String] }) readonly locations?: string[];
  @ApiProperty({ type: ConnectionDto }) readonly connection!: ConnectionDto;
}
