import { randomUUID } from 'node:crypto';
import {
  CommandOutcome,
  PmsCallOutcome,
  ProcessState,
  ProcessStep,
  StoredEvent,
  fold,
  outcomeOf,
} from '@pms-hub/domain';
import { EventStore, WrongExpectedRevisionError } from '@pms-hub/event-store';
import { decideAndAppend } from '../../platform/event-store/append-decided';
import { toDomainEvents } from '../../platform/event-store/stored-events';
import { PmsProcess, ResultIds } from './pms-process';

/** One handler's view of a process stream: its state, and appends at the revision read. */
export class ProcessSession {
  private lastRecordedAt?: string;
  state: ProcessState<unknown, ResultIds> = { status: 'absent' };

  constructor(
    private readonly store: EventStore,
    readonly process: PmsProcess<StoredEvent, unknown, ResultIds>,
    private readonly warn: (message: string) => void,
  ) {}

  async load(): Promise<void> {
    const recorded = await this.store.readStream(this.process.stream);
    this.lastRecordedAt = recorded.at(-1)?.recordedAt;
    this.state = fold(this.process.decider, toDomainEvents<StoredEvent>(recorded));
  }

  /** Milliseconds since the stream's last event; Infinity for an empty stream. */
  quietFor(now: Date): number {
    return this.lastRecordedAt ? now.getTime() - Date.parse(this.lastRecordedAt) : Infinity;
  }

  /**
   * Appends what the decider makes of `step`; false when another writer got there first. Then
   * the runner, not a retry, decides what to do on what that writer recorded.
   */
  async record(step: ProcessStep<unknown, ResultIds>): Promise<boolean> {
    const { commandId, correlationId, officeId } = this.process.identity;
    const now = new Date().toISOString();
    const state = this.state;
    try {
      const { appended, after } = await decideAndAppend(
        this.store,
        this.process.stream,
        this.process.decider,
        step,
        {
          context: () => ({ commandId, correlationId, officeId, now, newId: randomUUID }),
          read: async () => ({ state, revision: state.status === 'absent' ? -1 : state.revision }),
          retry: false,
        },
      );
      if (appended.length > 0) this.lastRecordedAt = now;
      this.state = after.state;
      return true;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      await this.load();
      return false;
    }
  }

  /**
   * Records an outcome, re-reading and trying again while another writer only moved the process
   * along; an outcome that arrives after another one was recorded is reported, never dropped.
   */
  async recordOutcome(outcome: PmsCallOutcome<ResultIds>): Promise<CommandOutcome> {
    while (!(await this.record({ kind: 'record', outcome }))) {
      if (this.state.status !== 'pending') {
        if (outcome.kind === 'succeeded') {
          const { commandId, officeId } = this.process.identity;
          this.warn(
            `command ${commandId} (office ${officeId}): the PMS answered ${JSON.stringify(outcome.result)} ` +
              `after another writer recorded ${this.state.status}: reconcile by hand`,
          );
        }
        break;
      }
    }
    return this.outcome();
  }

  outcome(): CommandOutcome {
    const { commandId, type, officeId } = this.process.identity;
    return outcomeOf({ commandId, type, officeId }, this.state);
  }
}
