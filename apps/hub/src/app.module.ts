import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { BookAppointmentHandler } from './book-appointment/book-appointment.handler';
import { CancelAppointmentHandler } from './cancel-appointment/cancel-appointment.handler';
import { RecordCircuitChangeHandler } from './record-circuit-change/record-circuit-change.handler';
import { CommandOutcomeReader } from './commands/command-outcome.reader';
import { CommandsController } from './commands/commands.controller';
import { PmsProcessRunner } from './commands/pms-process.runner';
import { HUB_CONFIG, HubConfig } from './config/hub.config';
import { CreatePatientHandler } from './create-patient/create-patient.handler';
import { CommandIntakeHandler } from './kafka/command-intake.handler';
import { OfficeDirectory } from './offices/office-directory';
import { OfficesController } from './offices/offices.controller';

/** What the hub runs on, opened before Nest starts so start-up failures are plain errors. */
export interface HubRuntime {
  readonly config: HubConfig;
  readonly offices: OfficeDirectory;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Kafka mode: commands also come from Kafka topics. */
  readonly kafka: boolean;
}

@Module({})
export class AppModule {
  static register(runtime: HubRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [CommandsController, OfficesController],
      providers: [
        { provide: HUB_CONFIG, useValue: runtime.config },
        { provide: OfficeDirectory, useValue: runtime.offices },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: CHECKPOINT_STORE, useValue: runtime.checkpoints },
        PmsProcessRunner,
        CommandOutcomeReader,
        BookAppointmentHandler,
        CreatePatientHandler,
        CancelAppointmentHandler,
        RecordCircuitChangeHandler,
        ...(runtime.kafka ? [CommandIntakeHandler] : []),
      ],
    };
  }
}
