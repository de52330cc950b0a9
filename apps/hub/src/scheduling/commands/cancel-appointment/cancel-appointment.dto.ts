import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CancelAppointmentPayload {
  @ApiProperty({ example: 'DTX-A-000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly appointmentId!: string;
}
