import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An office as the API shows it: its profile and state, never its credentials. */
export class OfficeDto {
  @ApiProperty() readonly officeId!: string;
  @ApiProperty({ enum: ['dentrix', 'eaglesoft', 'carestack', 'dummy'] }) readonly pmsType!: string;
  @ApiProperty({ nullable: true, description: 'null for the in-memory dummy PMS' })
  readonly baseUrl!: string | null;
  @ApiProperty({ example: 'America/New_York' }) readonly timeZone!: string;
  @ApiProperty({ type: [String], description: 'PMS location ids; empty: all' })
  readonly locations!: string[];
  @ApiProperty() readonly registeredAt!: string;
  @ApiProperty() readonly updatedAt!: string;
  @ApiPropertyOptional({ description: 'When its credentials were last replaced' })
  readonly credentialsReplacedAt?: string;
  @ApiProperty({ description: 'False while no credentials are stored: the hub cannot reach it' })
  readonly served!: boolean;
  @ApiProperty({ description: 'Whether the health monitor checks it' })
  readonly monitored!: boolean;
}

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
