import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PmsType } from '@pms-hub/pms';
import {
  ConnectionTestResult,
  ConnectionTestStep,
  ConnectionTestStepName,
} from './connection-test.service';

export class ConnectionTestStepDto implements ConnectionTestStep {
  @ApiProperty({
    enum: ['auth+health', 'read'],
    description: 'auth+health: sign in and probe health; read: list the locations',
  })
  readonly step!: ConnectionTestStepName;
  @ApiProperty() readonly ok!: boolean;
  @ApiProperty() readonly durationMs!: number;
  @ApiPropertyOptional({ description: 'why the step failed; never a credential' })
  readonly error?: string;
}

/** OpenAPI shape of a connection test's answer. */
export class ConnectionTestResultDto implements ConnectionTestResult {
  @ApiProperty() readonly officeId!: string;
  @ApiProperty({ example: 'dentrix' }) readonly pmsType!: PmsType;
  @ApiProperty({ description: 'every step succeeded' }) readonly ok!: boolean;
  @ApiProperty({ type: [ConnectionTestStepDto] }) readonly steps!: ConnectionTestStepDto[];
}
