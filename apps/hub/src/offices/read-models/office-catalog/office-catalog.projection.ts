import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  OFFICE_PROFILE_STREAM_PREFIX,
  OfficeEvent,
  OfficeState,
  fold,
  officeDecider,
  officeStream,
} from '@pms-hub/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@pms-hub/event-store';
import { RebuildableReadModel } from '../../../platform/projections/read-model.projection';
import { RebuildProgress, RebuildTracker } from '../../../platform/projections/rebuild-progress';
import { ResumingSubscription } from '../../../platform/projections/resuming-subscription';
import {
  READ_MODEL_STORE,
  ReadModelStore,
} from '../../../platform/read-models/read-model.store.port';
import { toDomainEvents } from '../../../platform/event-store/stored-events';
import { CREDENTIAL_STORE, CredentialStore } from '../../../platform/secrets/credential-store.port';
import { officeConfigOf } from '../../office-config';
import { OfficeDirectory } from '../../office-directory';

const FILTER = { streamPrefixes: [OFFICE_PROFILE_STREAM_PREFIX] };
const PAGE = 1000;
const NAME = 'office-catalog';
/** Raise it when the saved rows (`OfficeState` per office) change shape. */
const VERSION = 1;
/** A sparse filter's checkpoint moves past skipped events at most this often. */
const SKIPPED_SAVE_MS = 1000;

export interface CatalogEntry extends OfficeState {
  readonly officeId: string;
  /** False while the credential store has nothing for it: the hub cannot reach its PMS. */
  readonly served: boolean;
}

/**
 * Every registered office, from the office-profile streams, and the directory that serves them:
 * each registration (from this instance's offices file or admin API, or another instance's)
 * gives the office an adapter built from its profile and its stored credentials.
 *
 * Saved as one row per office (its `OfficeState`) with the position applied, in the read-model
 * store: a start serves the saved offices and resumes after that position.
 */
@Injectable()
export class OfficeCatalogProjection implements RebuildableReadModel {
  readonly name = NAME;
  private readonly logger = new Logger(NAME);
  private readonly entries = new Map<string, CatalogEntry>();
  /** One sync per office at a time: an older read must not overwrite a newer one's adapter. */
  private readonly syncs = new Map<string, Promise<void>>();
  private readonly subscription: ResumingSubscription;
  private checkpoint?: string;
  private skippedSavedMs = 0;
  private rebuilding?: RebuildTracker;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: OfficeDirectory,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {
    this.subscription = new ResumingSubscription(
      store,
      FILTER,
      (event) => this.sync(officeIdOf(event), replacesCredentials(event), event.position),
      (error) => this.logger.error(`office catalog: ${error.message}`),
      (position) => this.skipped(position),
    );
  }

  /**
   * Serves every office saved (or, with nothing saved, every office registered), then follows
   * new registrations and changes. Fails when credentials cannot be read (a wrong master key):
   * better no start than no office served.
   */
  async load(): Promise<void> {
    const saved = await this.readModels.load(NAME);
    if (saved?.version !== VERSION) {
      await this.loadFromStart();
      return;
    }
    for (const [officeId, state] of saved.rows) await this.serve(officeId, state as OfficeState);
    // What came since (the offices file's registrations of this start, another instance's): served
    // before the hub says it is listening, not a moment after.
    let after = saved.checkpoint;
    for (;;) {
      const page = await this.store.readAll({ after, filter: FILTER, maxCount: PAGE });
      for (const event of page) {
        await this.sync(officeIdOf(event), replacesCredentials(event), event.position);
      }
      after = page.at(-1)?.position ?? after;
      if (page.length < PAGE) break;
    }
    this.checkpoint = after;
    this.subscription.start(after);
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  /** Reads every office's history again and saves what it folds to; offices stay served meanwhile. */
  async rebuild(): Promise<void> {
    if (this.rebuilding?.running) throw new Error(`read model ${NAME} is already rebuilding`);
    const tracker = new RebuildTracker(NAME);
    this.rebuilding = tracker;
    await this.subscription.stop();
    try {
      tracker.expect(await this.store.countEvents(FILTER));
      await this.loadFromStart(tracker);
      tracker.finish();
    } catch (error) {
      tracker.finish(error as Error);
      this.subscription.start(this.checkpoint);
      throw error;
    }
  }

  lastRebuild(): RebuildProgress | undefined {
    return this.rebuilding?.progress();
  }

  async position(): Promise<{ checkpoint: string | null; eventsBehind: number }> {
    return {
      checkpoint: this.checkpoint ?? null,
      eventsBehind: await this.subscription.eventsBehind(10_000),
    };
  }

  /**
   * Brings one office up to date with its stream, e.g. right after registering it here. An office
   * whose credentials cannot be read is left unserved (and said so), never stalls the others.
   */
  sync(officeId: string, credentialsReplaced: boolean, position?: string): Promise<void> {
    const previous = this.syncs.get(officeId) ?? Promise.resolve();
    // A failed earlier sync (its read failed) does not stop this one.
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        if (credentialsReplaced) this.credentials.forget(officeId);
        const recorded = await this.store.readStream(officeStream(officeId));
        const state = fold(officeDecider, toDomainEvents<OfficeEvent>(recorded));
        await this.serve(officeId, state).catch((error: Error) => {
          if (state) this.entries.set(officeId, { officeId, ...state, served: false });
          this.logger.error(`office ${officeId} is not served: ${error.message}`);
        });
        // From the feed, with its position; otherwise (a registration here) the row only.
        if (state)
          await this.readModels.save(NAME, VERSION, new Map([[officeId, state]]), position);
        if (position) this.checkpoint = position;
      });
    this.syncs.set(officeId, next);
    const forget = () => {
      if (this.syncs.get(officeId) === next) this.syncs.delete(officeId);
    };
    next.then(forget, forget);
    return next;
  }

  find(officeId: string): CatalogEntry | undefined {
    return this.entries.get(officeId);
  }

  /** By office id: registrations run concurrently, so store order is no order a user chose. */
  list(): CatalogEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.officeId < b.officeId ? -1 : 1));
  }

  /** Folds every office's whole history, serves it and saves it, then follows from there. */
  private async loadFromStart(tracker?: RebuildTracker): Promise<void> {
    const histories = new Map<string, RecordedEvent[]>();
    let after: string | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, filter: FILTER, maxCount: PAGE });
      for (const event of page) {
        const officeId = officeIdOf(event);
        const history = histories.get(officeId) ?? [];
        history.push(event);
        histories.set(officeId, history);
        tracker?.applied();
      }
      after = page.at(-1)?.position ?? after;
      if (page.length < PAGE) break;
    }
    const rows = new Map<string, OfficeState>();
    for (const [officeId, recorded] of histories) {
      const state = fold(officeDecider, toDomainEvents<OfficeEvent>(recorded));
      if (state) rows.set(officeId, state);
      await this.serve(officeId, state);
    }
    await this.readModels.replace(NAME, VERSION, rows, after);
    this.checkpoint = after;
    this.subscription.start(after);
  }

  private skipped(position: string): void {
    if (Date.now() - this.skippedSavedMs < SKIPPED_SAVE_MS) return;
    this.skippedSavedMs = Date.now();
    this.checkpoint = position;
    this.readModels
      .save(NAME, VERSION, new Map(), position)
      .catch((error: Error) => this.logger.error(`checkpoint not saved: ${error.message}`));
  }

  private async serve(officeId: string, state: OfficeState | undefined): Promise<void> {
    if (!state) return;
    const credentials =
      state.profile.pmsType === 'dummy' ? {} : await this.credentials.get(officeId);
    this.entries.set(officeId, { officeId, ...state, served: credentials !== undefined });
    if (!credentials) {
      this.logger.error(
        `office ${officeId} is registered but the credential store has nothing for it: ` +
          'register it again with its credentials (offices file or POST /offices)',
      );
      return;
    }
    this.directory.register(officeConfigOf(officeId, state.profile, credentials));
  }
}

const officeIdOf = (event: RecordedEvent): string =>
  event.streamId.slice(OFFICE_PROFILE_STREAM_PREFIX.length);

const replacesCredentials = (event: RecordedEvent): boolean =>
  event.type === 'OfficeUpdated' &&
  (event.data as { credentialsReplaced?: boolean }).credentialsReplaced === true;
