import { DynamicModule, Module } from '@nestjs/common';
import { CommandIntakeHandler } from './command-intake.handler';
import { CommandOutcomeReader } from './command-outcome.reader';
import { CommandsController } from './commands.controller';
import { BookAppointmentHandler } from './commands/book-appointment/book-appointment.handler';
import { CancelAppointmentHandler } from './commands/cancel-appointment/cancel-appointment.handler';
import { CreatePatientHandler } from './commands/create-patient/create-patient.handler';
import { LiveReadsController } from './live-reads/live-reads.controller';
import { PmsProcessRunner } from './pms-process/pms-process.runner';

/** Patients and appointments: commands over REST (and Kafka), their outcomes, live PMS reads. */
@Module({})
export class SchedulingModule {
  static register(kafka: boolean): DynamicModule {
    return {
      module: SchedulingModule,
      controllers: [CommandsController, LiveReadsController],
      providers: [
        PmsProcessRunner,
        CommandOutcomeReader,
        CreatePatientHandler,
        BookAppointmentHandler,
        CancelAppointmentHandler,
        ...(kafka ? [CommandIntakeHandler] : []),
      ],
    };
  }
}
