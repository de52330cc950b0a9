import { Logger } from '@nestjs/common';
import {
  EventFilter,
  EventStore,
  RecordedEvent,
  Subscription,
  selects,
  unionOf,
} from '@pms-hub/event-store';
import { HubMetrics } from '../metrics/hub.metrics';
import { ReadModelStore } from '../read-models/read-model.store.port';
import { RebuildProgress, RebuildTracker } from './rebuild-progress';
import { ReadModelState } from './read-model.state';
import { ResumingSubscription } from './resuming-subscription';

/** Saved at most this far apart while events come; the rest is applied again after a crash. */
const SAVE_EVERY_MS = 1000;
const SAVE_EVERY_EVENTS = 10_000;

/** A read model that can report its progress and be rebuilt on demand (`/read-models`). */
export interface RebuildableReadModel {
  readonly name: string;
  rebuild(): Promise<void>;
  lastRebuild(): RebuildProgress | undefined;
  /** Where the saved state is up to, and how many events of its streams it has not applied. */
  position(): Promise<{ readonly checkpoint: string | null; readonly eventsBehind: number }>;
}

/** A fresh state being rebuilt from the store, and its progress. */
interface Rebuilding {
  readonly filter: EventFilter;
  readonly state: ReadModelState<unknown>;
  readonly tracker: RebuildTracker;
}

export interface ReadModelSpec {
  /** Labels logs, saved rows and the `hub_projection_lag_events` series. */
  readonly name: string;
  /** Raise it when the rows' shape or meaning changes: saved rows of another version are rebuilt. */
  readonly version: number;
  readonly filter: EventFilter;
}

/**
 * A read model held in memory and saved with its checkpoint (`ReadModelStore`): a start loads
 * the saved rows and resumes after the checkpoint, so it costs the number of rows (offices), not
 * the age of the store. Rows changed since the last save are written together with the position
 * they are up to, about once a second; state and position move together, synchronously, between
 * any two awaits, so a save never pairs rows with a position they are not at.
 *
 * A rebuild applies the whole store to a fresh state while the current one keeps answering, then
 * swaps them at one position: queries never see a half-built model.
 */
export abstract class ReadModelProjection<
  Row,
  State extends ReadModelState<Row>,
> implements RebuildableReadModel {
  readonly name: string;
  protected state: State;
  private readonly logger: Logger;
  private readonly subscription: ResumingSubscription;
  private readonly dirty = new Set<string>();
  private appliedTo?: string;
  private savedTo?: string;
  private unsavedEvents = 0;
  private replaceNext = false;
  private saving: Promise<void> = Promise.resolve();
  private saveTimer?: NodeJS.Timeout;
  private rebuilding?: RebuildTracker;
  private starting = false;
  private loaded = false;
  private stopped = false;
  private rebuildRun?: Promise<void>;
  private readonly saveFailed = (error: Error) =>
    this.logger.error(`read model not saved: ${error.message} (the next save writes it all)`);

  protected constructor(
    private readonly spec: ReadModelSpec,
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    metrics: HubMetrics | undefined,
  ) {
    this.name = spec.name;
    this.logger = new Logger(spec.name);
    this.state = this.createState();
    this.subscription = new ResumingSubscription(
      store,
      spec.filter,
      (event) => this.onEvent(event),
      (error) =>
        this.logger.error(`projection: ${error.message} (resuming after the last event applied)`),
      (position) => (this.appliedTo = position),
    );
    metrics?.projectionLag(spec.name, (atMost) => this.eventsBehind(atMost));
  }

  /** False until `start()` has restored the saved rows: until then the state is empty, not true. */
  get ready(): boolean {
    return this.loaded;
  }

  /** Loads the saved state (none, or of another version: from the start) and follows the store. */
  async start(): Promise<void> {
    this.starting = true;
    const saved = await this.readModels.load(this.name);
    if (saved && saved.version === this.spec.version) {
      this.state = this.restoreState(saved.rows as ReadonlyMap<string, Row>);
      this.appliedTo = this.savedTo = saved.checkpoint;
    } else {
      if (saved) {
        this.logger.log(
          `saved rows are version ${saved.version}, this hub's are ${this.spec.version}: ` +
            'applying the store from the start',
        );
      }
      this.state = this.createState();
      this.appliedTo = this.savedTo = undefined;
      this.replaceNext = true;
    }
    this.loaded = true;
    this.subscription.start(this.appliedTo);
    this.saveTimer = setInterval(() => void this.save().catch(this.saveFailed), SAVE_EVERY_MS);
    this.saveTimer.unref();
  }

  /** Stops following the store and saves what was applied. */
  async stop(): Promise<void> {
    this.stopped = true;
    // A rebuild in progress finishes (and saves) first: the read-model store closes after this.
    await this.rebuildRun;
    clearInterval(this.saveTimer);
    await this.subscription.stop();
    await this.save();
  }

  /** Events of its streams in the store that the model has not applied yet, up to `atMost`. */
  eventsBehind(atMost: number): Promise<number> {
    return this.subscription.eventsBehind(atMost);
  }

  async position(): Promise<{ checkpoint: string | null; eventsBehind: number }> {
    return { checkpoint: this.savedTo ?? null, eventsBehind: await this.eventsBehind(10_000) };
  }

  lastRebuild(): RebuildProgress | undefined {
    return this.rebuilding?.progress();
  }

  /** Resolves once the rebuilt state is the model's; one rebuild at a time. */
  rebuild(): Promise<void> {
    return ReadModelProjection.rebuildTogether([this]);
  }

  /**
   * Rebuilds several models (of one store) from one read of it: each event goes to the fresh
   * states whose filter selects it, then each model catches up on its own and swaps.
   */
  static async rebuildTogether(
    models: readonly ReadModelProjection<unknown, ReadModelState<unknown>>[],
  ): Promise<void> {
    for (const model of models) model.refuseRebuild();
    const rebuilds = models.map((model) => model.beginRebuild());
    const caughtUp = catchUp(models[0].store, rebuilds, undefined);
    // Each run awaits it; a failure is theirs to report, never an unhandled rejection.
    caughtUp.catch(() => undefined);
    const runs = models.map((model, i) => model.finishRebuild(rebuilds[i], caughtUp));
    for (const [i, run] of runs.entries()) models[i].rebuildRun = run.catch(() => undefined);
    const failed = (await Promise.allSettled(runs)).find(({ status }) => status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  private refuseRebuild(): void {
    if (this.rebuilding?.running) throw new Error(`read model ${this.name} is already rebuilding`);
    // While start() loads the saved rows, they would overwrite the rebuilt state.
    if ((this.starting && !this.loaded) || this.stopped) {
      throw new Error(`read model ${this.name} is starting or stopped: rebuild it once started`);
    }
  }

  private beginRebuild(): Rebuilding & { state: State } {
    this.rebuilding = new RebuildTracker(this.name);
    return { filter: this.spec.filter, state: this.createState(), tracker: this.rebuilding };
  }

  private async finishRebuild(
    rebuild: Rebuilding & { state: State },
    caughtUp: Promise<string | undefined>,
  ): Promise<void> {
    const { state: fresh, tracker } = rebuild;
    let stopped = false;
    try {
      tracker.expect(await this.store.countEvents(this.spec.filter));
      const from = await caughtUp;
      // The current state stops here; the fresh one reads what came meanwhile and takes over.
      await this.subscription.stop();
      stopped = true;
      const position = await catchUp(this.store, [rebuild], from);
      this.state = fresh;
      this.appliedTo = position;
      this.dirty.clear();
      this.replaceNext = true;
      await this.save();
      // Stopped meanwhile: the rebuilt state is saved, and nothing follows the store any more.
      if (!this.stopped) this.subscription.start(position);
      tracker.finish();
      this.logger.log(`rebuilt from ${tracker.progress().eventsDone} events`);
    } catch (error) {
      tracker.finish(error as Error);
      // The model goes on from the state it holds: a failed rebuild loses nothing.
      if (stopped && !this.stopped) this.subscription.start(this.appliedTo);
      throw error;
    }
  }

  protected abstract createState(): State;
  protected abstract restoreState(rows: ReadonlyMap<string, Row>): State;

  private async onEvent(event: RecordedEvent): Promise<void> {
    for (const key of this.state.apply(event)) this.dirty.add(key);
    this.appliedTo = event.position;
    // A failed save is not the event's failure: it is applied, and the next save writes all rows.
    if (++this.unsavedEvents >= SAVE_EVERY_EVENTS) await this.save().catch(this.saveFailed);
  }

  /**
   * The changed rows and the position they are at, taken together, then written after the saves
   * before. After a failed save (or a rebuild) the next one writes every row: the file may hold
   * neither the rows taken nor their position.
   */
  private save(): Promise<void> {
    const position = this.appliedTo;
    const unchanged = position === this.savedTo && this.dirty.size === 0;
    if (!this.replaceNext && (position === undefined || unchanged)) return this.saving;
    const rows = new Map<string, Row | undefined>();
    for (const key of this.replaceNext ? this.state.keys() : this.dirty) {
      rows.set(key, this.state.row(key));
    }
    const write = this.replaceNext
      ? () => this.readModels.replace(this.name, this.spec.version, rows, position)
      : () => this.readModels.save(this.name, this.spec.version, rows, position);
    this.replaceNext = false;
    this.dirty.clear();
    this.unsavedEvents = 0;
    this.saving = this.saving
      .catch(() => undefined)
      .then(write)
      .then(
        () => void (this.savedTo = position),
        (error: Error) => {
          this.replaceNext = true;
          throw error;
        },
      );
    return this.saving;
  }
}

/**
 * Applies the events after `after` to each fresh state whose filter selects them, from one read of
 * the store (their filters' union), until the store has no more; the position reached.
 */
function catchUp(
  store: EventStore,
  rebuilds: readonly Rebuilding[],
  after: string | undefined,
): Promise<string | undefined> {
  let position = after;
  let subscription: Subscription | undefined;
  return new Promise<string | undefined>((resolve, reject) => {
    subscription = store.subscribeToAll({
      after,
      filter: unionOf(rebuilds.map(({ filter }) => filter)),
      onEvent: async (event) => {
        for (const { filter, state, tracker } of rebuilds) {
          if (!selects(filter, event)) continue;
          state.apply(event);
          tracker.applied();
        }
        position = event.position;
      },
      onCheckpoint: (skippedTo) => (position = skippedTo),
      onCaughtUp: () => resolve(position),
      onError: reject,
    });
  }).then(
    async () => {
      await subscription?.stop();
      return position;
    },
    async (error: Error) => {
      await subscription?.stop();
      throw error;
    },
  );
}
