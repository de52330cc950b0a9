import { CommandType, ProcessDecider, StoredEvent } from '@pms-hub/domain';
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

export type ResultIds = Readonly<Record<string, string>>;

/**
 * One command that calls a PMS exactly once: everything the runner needs to record its request,
 * make the call and reconcile after a crash. Implemented per command type.
 */
export interface PmsProcess<TEvent extends StoredEvent, TRequest, TResult extends ResultIds> {
  readonly identity: CommandIdentity;
  readonly stream: string;
  readonly decider: ProcessDecider<TEvent, TRequest, TResult>;
  /** What is recorded before the call, as far as it is known without asking the PMS. */
  readonly request: TRequest;
  /** The request completed from a PMS read before the call; a failed read fails the command. */
  prepare?(adapter: PmsAdapter): Promise<TRequest>;
  /** Whether this delivery asks for what was recorded: a reused commandId must not change payload. */
  sameRequest(recorded: TRequest): boolean;
  call(adapter: PmsAdapter): Promise<TResult>;
  /**
   * Searches the PMS for what an interrupted call may have created (PMS APIs have no idempotency
   * keys), given the request recorded before that call. Throws `ReconciliationError` when the
   * answer cannot be trusted. Absent when the call is idempotent in the PMS: it is made again.
   */
  find?(adapter: PmsAdapter, recorded: TRequest): Promise<TResult | undefined>;
}

/** The PMS holds something, but not something the hub can safely call its own. */
export class ReconciliationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReconciliationError';
  }
}

/** A commandId reused for another command, or re-sent with another payload. */
export class CommandConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandConflictError';
  }
}

/** Key-order independent JSON, so two requests compare by content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
