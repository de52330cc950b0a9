import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidationError,
  validate,
} from 'class-validator';
import { COMMAND_TYPES, CommandEnvelope, CommandType } from '@pms-hub/domain';
import { BookAppointmentCommand } from './commands/book-appointment/book-appointment.command';
import { BookAppointmentPayload } from './commands/book-appointment/book-appointment.dto';
import { CancelAppointmentCommand } from './commands/cancel-appointment/cancel-appointment.command';
import { CancelAppointmentPayload } from './commands/cancel-appointment/cancel-appointment.dto';
import { CreatePatientCommand } from './commands/create-patient/create-patient.command';
import { CreatePatientPayload } from './commands/create-patient/create-patient.dto';

export class CommandEnvelopeDto {
  @ApiProperty({ format: 'uuid', description: 'Idempotency key: re-sending it never runs twice' })
  @IsUUID('all', { message: 'commandId must be a UUID' })
  readonly commandId!: string;

  @ApiProperty({ enum: COMMAND_TYPES })
  @IsIn(COMMAND_TYPES, { message: `type must be one of ${COMMAND_TYPES.join(', ')}` })
  readonly type!: CommandType;

  @ApiProperty({ example: 'demo-dentrix' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'officeId must be 1-64 letters, digits, dots, dashes or underscores',
  })
  readonly officeId!: string;

  @ApiPropertyOptional({ description: 'Defaults to commandId' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  readonly correlationId?: string;

  @ApiProperty({ description: 'CreatePatientPayload or BookAppointmentPayload, by type' })
  @IsObject({ message: 'payload must be an object' })
  readonly payload!: Record<string, unknown>;
}

export type HubCommand = CreatePatientCommand | BookAppointmentCommand | CancelAppointmentCommand;

export type ParsedCommand =
  | { readonly ok: true; readonly command: HubCommand }
  | { readonly ok: false; readonly errors: string[] };

const STRICT = { whitelist: true, forbidNonWhitelisted: true } as const;
const MAX_DEPTH = 8;

/** How deep objects and arrays nest, without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_DEPTH) break;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Turns an untrusted body into a command, or into every reason it cannot be one. */
export async function parseCommand(body: unknown): Promise<ParsedCommand> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['the command must be a JSON object'] };
  }
  // Validation recurses: a deeply nested value would exhaust the stack before any rule ran.
  if (depthOf(body) > MAX_DEPTH) {
    return { ok: false, errors: [`the command nests deeper than ${MAX_DEPTH} levels`] };
  }
  const envelope = plainToInstance(CommandEnvelopeDto, body);
  const errors = messages(await validate(envelope, STRICT));
  const payloadClass = COMMANDS[envelope.type as CommandType]?.payload;
  const payloadIsObject =
    typeof envelope.payload === 'object' &&
    envelope.payload !== null &&
    !Array.isArray(envelope.payload);
  if (!payloadClass || !payloadIsObject) {
    return errors.length ? { ok: false, errors } : { ok: false, errors: ['payload is missing'] };
  }
  const payload = plainToInstance(payloadClass, envelope.payload);
  errors.push(...messages(await validate(payload, STRICT), 'payload.'));
  if (errors.length) return { ok: false, errors };
  const base = {
    // Stream names are case-sensitive: one UUID must be one command however it is spelt.
    commandId: envelope.commandId.toLowerCase(),
    officeId: envelope.officeId,
    correlationId: envelope.correlationId ?? envelope.commandId,
  };
  const type = envelope.type as CommandType;
  return { ok: true, command: COMMANDS[type].command({ ...base, type, payload } as never) };
}

/** Each command type: the class its payload is validated against, and its command. */
const COMMANDS: {
  readonly [T in CommandType]: {
    readonly payload: new () => object;
    readonly command: (envelope: CommandEnvelope<T, never>) => HubCommand;
  };
} = {
  CreatePatient: { payload: CreatePatientPayload, command: (e) => new CreatePatientCommand(e) },
  BookAppointment: {
    payload: BookAppointmentPayload,
    command: (e) => new BookAppointmentCommand(e),
  },
  CancelAppointment: {
    payload: CancelAppointmentPayload,
    command: (e) => new CancelAppointmentCommand(e),
  },
};

/**
 * Constraint messages only: they name fields and rules, never the rejected values. Names come
 * from the sender (an unknown property's name, say), so each message is capped.
 */
function messages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) =>
      capped(
        message.includes(error.property)
          ? `${prefix}${message}`
          : `${prefix}${error.property}: ${message}`,
      ),
    ),
    ...messages(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

const capped = (message: string): string =>
  message.length > 200 ? `${message.slice(0, 200)} …` : message;
