import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandOutcome, StoredEvent, assertNever, nextStep } from '@pms-hub/domain';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { PmsAdapter, PmsError } from '@pms-hub/pms';
import { HUB_CONFIG, HubConfig } from '../../platform/config/hub.config';
import { HUB_METRICS, HubMetrics } from '../../platform/metrics/hub.metrics';
import { OfficeDirectory } from '../../offices/office-directory';
import { UnknownOfficeError } from '../../offices/unknown-office.error';
import { verdictOf } from './pms-error-verdict';
import {
  CommandConflictError,
  CommandIdentity,
  PmsProcess,
  ReconciliationError,
  ResultIds,
} from './pms-process';
import { ProcessSession } from './process-session';

type Found = ResultIds | undefined | { readonly failed: string } | 'unknown';

/**
 * Carries out a command that writes to a PMS, at most once per commandId: the request is recorded
 * before the call, a recorded outcome is returned as is, and a request left without an outcome
 * (the process died mid-call) is reconciled by searching the PMS before any second call.
 */
@Injectable()
export class PmsProcessRunner {
  private readonly logger = new Logger(PmsProcessRunner.name);
  private readonly inFlight = new Map<
    string,
    { identity: CommandIdentity; run: Promise<CommandOutcome> }
  >();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly offices: OfficeDirectory,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'reconcileAfterMs'>,
    // Optional: specs drive the runner without a hub around it.
    @Optional() @Inject(HUB_METRICS) private readonly metrics?: HubMetrics,
  ) {}

  run<TEvent extends StoredEvent, TRequest, TResult extends ResultIds>(
    process: PmsProcess<TEvent, TRequest, TResult>,
  ): Promise<CommandOutcome> {
    const { commandId, type, officeId } = process.identity;
    const running = this.inFlight.get(commandId);
    if (running) {
      if (running.identity.type !== type || running.identity.officeId !== officeId) {
        const first = `${running.identity.type} at office ${running.identity.officeId}`;
        throw new CommandConflictError(`commandId ${commandId} is in use for ${first}`);
      }
      return running.run;
    }
    const session = new ProcessSession(
      this.store,
      process as unknown as PmsProcess<StoredEvent, unknown, ResultIds>,
      (message) => this.logger.warn(message),
    );
    const run = this.carryOut(session).finally(() => this.inFlight.delete(commandId));
    // Once per run (concurrent deliveries share one); a throw (409, unknown office) is no outcome.
    run.then((outcome) => this.metrics?.commandOutcome(type, outcome.status)).catch(() => {});
    this.inFlight.set(commandId, { identity: process.identity, run });
    return run;
  }

  /** Waits (bounded) for the runs in flight, so a shutdown records what their PMS calls did. */
  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const runs = [...this.inFlight.values()].map(({ run }) => run.catch(() => undefined));
    await Promise.race([
      Promise.all(runs),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  private async carryOut(session: ProcessSession): Promise<CommandOutcome> {
    const { commandId, officeId } = session.process.identity;
    const office = this.offices.find(officeId);
    if (!office) throw new UnknownOfficeError(officeId);
    await session.load();
    if (session.state.status === 'pending' && !session.process.sameRequest(session.state.request)) {
      throw new CommandConflictError(`commandId ${commandId} was first sent with another payload`);
    }
    const step = nextStep(session.state);
    switch (step) {
      case 'done':
        return session.outcome();
      case 'request':
        return this.request(session, office.adapter);
      case 'reconcile':
        // A young request may belong to a call still in flight in another process.
        if (session.quietFor(new Date()) < this.config.reconcileAfterMs) return session.outcome();
        return this.reconcile(session, office.adapter);
      default:
        return assertNever(step);
    }
  }

  private async request(session: ProcessSession, adapter: PmsAdapter): Promise<CommandOutcome> {
    const { process } = session;
    let request = process.request;
    try {
      request = (await process.prepare?.(adapter)) ?? request;
    } catch (error) {
      if (!(error instanceof PmsError)) throw error;
      // Nothing was written to the PMS: record the attempt and why it could not be made.
      if (!(await session.record({ kind: 'request', request }))) return session.outcome();
      return session.recordOutcome({ kind: 'failed', reason: error.message });
    }
    if (!(await session.record({ kind: 'request', request }))) return session.outcome();
    return this.call(session, adapter);
  }

  private async reconcile(session: ProcessSession, adapter: PmsAdapter): Promise<CommandOutcome> {
    if (!session.process.find) return this.call(session, adapter);
    const found = await this.find(session, adapter);
    if (found === 'unknown') return session.outcome();
    if (found === undefined) {
      if (!(await session.record({ kind: 'record', outcome: { kind: 'not-found' } }))) {
        return session.outcome();
      }
      return this.call(session, adapter);
    }
    return this.recordFound(session, found);
  }

  private async call(session: ProcessSession, adapter: PmsAdapter): Promise<CommandOutcome> {
    try {
      const result = await session.process.call(adapter);
      return await session.recordOutcome({ kind: 'succeeded', result, via: 'call' });
    } catch (error) {
      if (!(error instanceof PmsError)) throw error;
      const verdict = verdictOf(error);
      if (verdict !== 'unknown')
        return session.recordOutcome({ kind: verdict, reason: error.message });
      // An idempotent call whose answer was lost stays pending: sending the command again
      // sends the call again, which is harmless.
      if (!session.process.find) return session.outcome();
      const found = await this.find(session, adapter);
      if (found === 'unknown') return session.outcome();
      if (found === undefined) {
        const reason = `${error.message}; the PMS holds no matching record afterwards`;
        return session.recordOutcome({ kind: 'failed', reason });
      }
      return this.recordFound(session, found);
    }
  }

  private recordFound(
    session: ProcessSession,
    found: ResultIds | { readonly failed: string },
  ): Promise<CommandOutcome> {
    return 'failed' in found
      ? session.recordOutcome({ kind: 'failed', reason: found.failed })
      : session.recordOutcome({ kind: 'succeeded', result: found, via: 'reconciliation' });
  }

  /**
   * `unknown` when the PMS cannot be searched now: the command stays pending, to be re-sent.
   * A search the PMS refuses, or an ambiguous answer, will not improve by waiting: it fails.
   */
  private async find(session: ProcessSession, adapter: PmsAdapter): Promise<Found> {
    if (session.state.status === 'absent') throw new Error('nothing to reconcile before a request');
    try {
      return await session.process.find?.(adapter, session.state.request);
    } catch (error) {
      if (error instanceof ReconciliationError) return { failed: error.message };
      if (!(error instanceof PmsError)) throw error;
      if (verdictOf(error) === 'rejected') return { failed: `reconciliation: ${error.message}` };
      const { commandId, officeId } = session.process.identity;
      this.logger.warn(
        `command ${commandId} (office ${officeId}) stays pending: reconciliation search failed: ${error.message}`,
      );
      return 'unknown';
    }
  }
}
