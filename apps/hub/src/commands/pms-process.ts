import {
  CommandType,
  DecisionContext,
  EventMetadata,
  ProcessState,
  ProcessStep,
} from '@pms-hub/domain';
import { PmsAdapter } from '@pms-hub/pms';

/** The identity and tracing ids of the command being carried out. */
export interface CommandIdentity {
  readonly commandId: string;
  readonly type: CommandType;
  readonly officeId: string;
  readonly correlationId: string;
}

export const identityOf = ({
  commandId,
  type,
  officeId,
  correlationId,
}: CommandIdentity): CommandIdentity => ({ commandId, type, officeId, correlationId });

/**
 * One command that calls a PMS exactly once: everything the runner needs to record its request,
 * make the call, classify the answer and reconcile after a crash. Implemented per command.
 */
export interface PmsProcess<
  TEvent extends { readonly type: string; readonly metadata: EventMetadata },
  TRequest,
  TResult extends Readonly<Record<string, string>>,
> {
  readonly identity: CommandIdentity;
  readonly stream: string;
  readonly request: TRequest;
  fold(events: readonly TEvent[]): ProcessState<TRequest, TResult>;
  decide(
    state: ProcessState<TRequest, TResult>,
    step: ProcessStep<TRequest, TResult>,
    context: DecisionContext,
  ): TEvent[];
  call(adapter: PmsAdapter): Promise<TResult>;
  /** Searches the PMS for what an interrupted call may have created; PMS APIs have no idempotency keys. */
  find(adapter: PmsAdapter): Promise<TResult | undefined>;
}

export type AnyPmsProcess = PmsProcess<
  { readonly type: string; readonly metadata: EventMetadata },
  unknown,
  Readonly<Record<string, string>>
>;
