import { assertNever } from '../shared/event';

/** Every command the hub accepts, by its envelope `type`. */
export const COMMAND_TYPES = ['CreatePatient', 'BookAppointment', 'CancelAppointment'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

/** What travels on Kafka and REST: `commandId` is the idempotency key. */
export interface CommandEnvelope<TType extends CommandType, TPayload> {
  readonly commandId: string;
  readonly type: TType;
  readonly officeId: string;
  /** Threads every command and event of one business flow; defaults to the commandId. */
  readonly correlationId: string;
  readonly payload: TPayload;
}

export type CommandStatus = 'pending' | 'succeeded' | 'rejected' | 'failed';

/** What a client sees of a command: read back from its stream, identical on every delivery. */
export interface CommandOutcome {
  readonly commandId: string;
  readonly type: CommandType;
  readonly officeId: string;
  readonly status: CommandStatus;
  readonly result?: Readonly<Record<string, string>>;
  readonly reason?: string;
}

/**
 * The life of a command that calls a PMS once. `pending` means a request was recorded and no
 * outcome yet: either a call is in flight, or the process died mid-call and must reconcile.
 */
export type ProcessState<TRequest, TResult> =
  | { readonly status: 'absent' }
  | { readonly status: 'pending'; readonly request: TRequest; readonly revision: number }
  | {
      readonly status: 'succeeded';
      readonly request: TRequest;
      readonly result: TResult;
      readonly revision: number;
    }
  | {
      readonly status: 'rejected' | 'failed';
      readonly request: TRequest;
      readonly reason: string;
      readonly revision: number;
    };

/** The next thing a handler must do for a process in this state. */
export type NextStep = 'request' | 'reconcile' | 'done';

export function nextStep(state: ProcessState<unknown, unknown>): NextStep {
  switch (state.status) {
    case 'absent':
      return 'request';
    case 'pending':
      return 'reconcile';
    case 'succeeded':
    case 'rejected':
    case 'failed':
      return 'done';
    default:
      return assertNever(state);
  }
}

/** The client-facing view of a process: the same on every read and every redelivery. */
export function outcomeOf<TRequest, TResult extends Readonly<Record<string, string>>>(
  identity: Pick<CommandOutcome, 'commandId' | 'type' | 'officeId'>,
  state: ProcessState<TRequest, TResult>,
): CommandOutcome {
  switch (state.status) {
    case 'absent':
      throw new Error(`command ${identity.commandId} has no recorded request`);
    case 'pending':
      return { ...identity, status: 'pending' };
    case 'succeeded':
      return { ...identity, status: 'succeeded', result: state.result };
    case 'rejected':
    case 'failed':
      return { ...identity, status: state.status, reason: state.reason };
    default:
      return assertNever(state);
  }
}
