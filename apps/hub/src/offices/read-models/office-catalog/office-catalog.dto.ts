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
