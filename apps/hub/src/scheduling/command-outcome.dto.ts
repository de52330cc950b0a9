import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMAND_TYPES, CommandOutcome, CommandStatus, CommandType } from '@pms-hub/domain';

/** OpenAPI shape of a command's outcome. */
export class CommandOutcomeDto implements CommandOutcome {
  @ApiProperty({ format: 'uuid' }) readonly commandId!: string;
  @ApiProperty({ enum: COMMAND_TYPES }) readonly type!: CommandType;
  @ApiProperty() readonly officeId!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'rejected', 'failed'] })
  readonly status!: CommandStatus;
  @ApiPropertyOptional({ example: { appointmentId: 'DTX-A-000001' } })
  readonly result?: Record<string, string>;
  @ApiPropertyOptional({
    example: 'dentrix bookAppointment for office demo-dentrix: slot not available (409)',
  })
  readonly reason?: string;
}
