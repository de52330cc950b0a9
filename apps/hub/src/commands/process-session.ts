import { randomUUID } from 'node:crypto';
import {
  CommandOutcome,
  EventMetadata,
  PmsCallOutcome,
  ProcessState,
  ProcessStep,
  outcomeOf,
} from '@pms-hub/domain';
import { EventStore, WrongExpectedRevisionError } from '@pms-hub/event-store';
import { toDomainEvents, toEventsToAppend } from '../event-store/stored-events';
import { PmsProcess } from './pms-process';

/** One handler's view of a process stream: its history, state, and appends at the revision read. */
export class ProcessSession<
  TEvent extends {
    readonly type: string;
    readonly data: unknown;
    readonly metadata: EventMetadata;
  },
  TRequest,
  TResult extends Readonly<Record<string, string>>,
> {
  private history: TEvent[] = [];
  state: ProcessState<TRequest, TResult> = { status: 'absent' };

  constructor(
    private readonly store: EventStore,
    readonly process: PmsProcess<TEvent, TRequest, TResult>,
  ) {}

  async load(): Promise<void> {
    this.history = toDomainEvents<TEvent>(await this.store.readStream(this.process.stream));
    this.state = this.process.fold(this.history);
  }

  /** Appends what the decider makes of `step`; false when another writer got there first. */
  async record(step: ProcessStep<TRequest, TResult>): Promise<boolean> {
    const { commandId, correlationId, officeId } = this.process.identity;
    const events = this.process.decide(this.state, step, {
      commandId,
      correlationId,
      officeId,
      now: new Date().toISOString(),
      newId: randomUUID,
    });
    if (events.length === 0) return true;
    const expected = this.state.status === 'absent' ? 'no_stream' : this.state.revision;
    try {
      await this.store.append(this.process.stream, toEventsToAppend(events), expected);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      await this.load();
      return false;
    }
    this.history = [...this.history, ...events];
    this.state = this.process.fold(this.history);
    return true;
  }

  async recordOutcome(outcome: PmsCallOutcome<TResult>): Promise<CommandOutcome> {
    await this.record({ kind: 'record', outcome });
    return this.outcome();
  }

  outcome(): CommandOutcome {
    const { commandId, type, officeId } = this.process.identity;
    return outcomeOf({ commandId, type, officeId }, this.state);
  }
}
