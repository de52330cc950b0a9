import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandOutcome, EventMetadata, assertNever, nextStep } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { PmsAdapter, PmsError } from '@pms-hub/pms';
import { OfficeDirectory } from '../offices/office-directory';
import { UnknownOfficeError } from '../offices/unknown-office.error';
import { verdictOf } from './pms-error-verdict';
import { PmsProcess } from './pms-process';
import { ProcessSession } from './process-session';

type AnySession = ProcessSession<
  { readonly type: string; readonly data: unknown; readonly metadata: EventMetadata },
  unknown,
  Readonly<Record<string, string>>
>;

/**
 * Carries out a command that writes to a PMS, at most once per commandId: the request is recorded
 * before the call, a recorded outcome is returned as is, and a request left without an outcome
 * (the process died mid-call) is reconciled by searching the PMS before any second call.
 */
@Injectable()
export class PmsProcessRunner {
  private readonly logger = new Logger(PmsProcessRunner.name);
  private readonly inFlight = new Map<string, Promise<CommandOutcome>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly offices: OfficeDirectory,
  ) {}

  run<
    TEvent extends {
      readonly type: string;
      readonly data: unknown;
      readonly metadata: EventMetadata;
    },
    TRequest,
    TResult extends Readonly<Record<string, string>>,
  >(process: PmsProcess<TEvent, TRequest, TResult>): Promise<CommandOutcome> {
    const { commandId } = process.identity;
    const running = this.inFlight.get(commandId);
    if (running) return running;
    const session = new ProcessSession(this.store, process) as unknown as AnySession;
    const run = this.carryOut(session).finally(() => this.inFlight.delete(commandId));
    this.inFlight.set(commandId, run);
    return run;
  }

  private async carryOut(session: AnySession): Promise<CommandOutcome> {
    const { officeId } = session.process.identity;
    const office = this.offices.find(officeId);
    if (!office) throw new UnknownOfficeError(officeId);
    await session.load();
    const step = nextStep(session.state);
    switch (step) {
      case 'done':
        return session.outcome();
      case 'request':
        if (!(await session.record({ kind: 'request', request: session.process.request }))) {
          return session.outcome();
        }
        return this.call(session, office.adapter);
      case 'reconcile':
        return this.reconcile(session, office.adapter);
      default:
        return assertNever(step);
    }
  }

  /** A request with no outcome and no call in flight here: the last attempt died mid-call. */
  private async reconcile(session: AnySession, adapter: PmsAdapter): Promise<CommandOutcome> {
    const found = await this.find(session, adapter);
    if (found === 'unknown') return session.outcome();
    if (found)
      return session.recordOutcome({ kind: 'succeeded', result: found, via: 'reconciliation' });
    await session.recordOutcome({ kind: 'not-found' });
    return this.call(session, adapter);
  }

  private async call(session: AnySession, adapter: PmsAdapter): Promise<CommandOutcome> {
    try {
      const result = await session.process.call(adapter);
      return await session.recordOutcome({ kind: 'succeeded', result, via: 'call' });
    } catch (error) {
      if (!(error instanceof PmsError)) throw error;
      const verdict = verdictOf(error);
      if (verdict !== 'unknown')
        return session.recordOutcome({ kind: verdict, reason: error.message });
      const found = await this.find(session, adapter);
      if (found === 'unknown') return session.outcome();
      if (found) {
        return session.recordOutcome({ kind: 'succeeded', result: found, via: 'reconciliation' });
      }
      const reason = `${error.message}; the PMS holds no matching record afterwards`;
      return session.recordOutcome({ kind: 'failed', reason });
    }
  }

  /** `unknown` when the PMS cannot be searched: the command stays pending, to be re-submitted. */
  private async find(
    session: AnySession,
    adapter: PmsAdapter,
  ): Promise<Readonly<Record<string, string>> | undefined | 'unknown'> {
    try {
      return await session.process.find(adapter);
    } catch (error) {
      if (!(error instanceof PmsError)) throw error;
      const { commandId, officeId } = session.process.identity;
      this.logger.warn(
        `command ${commandId} (office ${officeId}) stays pending: reconciliation search failed: ${error.message}`,
      );
      return 'unknown';
    }
  }
}
