import { LRUCache } from 'lru-cache';
import {
  Decider,
  HealthCheck,
  HealthRules,
  OfficeHealthEvent,
  OfficeHealthState,
  fold,
  officeHealthStream,
  tailLength,
} from '@pms-hub/domain';
import { EventStore, RecordedEvent } from '@pms-hub/event-store';
import { Folded, LostRace } from '../../../platform/event-store/append-decided';
import { toDomainEvents } from '../../../platform/event-store/stored-events';

type FoldedHealth = Folded<OfficeHealthState>;

/**
 * Each office's health as last folded by this hub, so that a check reads only the events appended
 * since (by this hub or another). An office never seen, or evicted, is folded from the last few
 * events of its stream (`tailLength`: each recorded check carries the status after it), or from
 * the whole stream when its tail holds checks recorded before they did.
 */
export class OfficeHealthCache {
  private readonly folded: LRUCache<string, FoldedHealth>;
  private readonly nothingFolded: FoldedHealth;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<OfficeHealthState, HealthCheck, OfficeHealthEvent>,
    private readonly rules: HealthRules,
    maxOffices = 50_000,
  ) {
    this.folded = new LRUCache({ max: maxOffices });
    this.nothingFolded = { revision: -1, state: decider.initialState };
  }

  /**
   * The office's health at the current end of its stream, reading only what follows the fold
   * that lost a race, else the one kept, else the stream's tail.
   */
  read(officeId: string, lost?: LostRace<OfficeHealthState>): Promise<FoldedHealth> {
    // The stream is behind the fold (a restored store): fold it from the start.
    if (lost?.behind) this.folded.delete(officeId);
    const known = lost && !lost.behind ? lost.folded : this.folded.get(officeId);
    return known ? this.readAfter(officeId, known) : this.readTail(officeId);
  }

  /** Kept unless already outdated: concurrent checks of one office may finish out of order. */
  remember(officeId: string, folded: FoldedHealth): void {
    if ((this.folded.peek(officeId)?.revision ?? -1) < folded.revision) {
      this.folded.set(officeId, folded);
    }
  }

  private async readTail(officeId: string): Promise<FoldedHealth> {
    const tail = await this.store.readStream(officeHealthStream(officeId), {
      last: tailLength(this.rules),
    });
    if (tail.length > 0 && tail[0].revision > 0 && !tail.every(carriesStatus)) {
      return this.readAfter(officeId, this.nothingFolded);
    }
    return this.folding(officeId, tail, this.nothingFolded);
  }

  private async readAfter(officeId: string, from: FoldedHealth): Promise<FoldedHealth> {
    const tail = await this.store.readStream(officeHealthStream(officeId), {
      fromRevision: from.revision + 1,
    });
    // A tail that does not follow the fold (a store that ignored `fromRevision`): fold it all.
    if (tail.length > 0 && tail[0].revision !== from.revision + 1 && from !== this.nothingFolded) {
      this.folded.delete(officeId);
      return this.readAfter(officeId, this.nothingFolded);
    }
    return this.folding(officeId, tail, from);
  }

  private folding(officeId: string, tail: RecordedEvent[], from: FoldedHealth): FoldedHealth {
    const folded = {
      revision: tail.at(-1)?.revision ?? from.revision,
      state: fold(this.decider, toDomainEvents<OfficeHealthEvent>(tail), from.state),
    };
    this.remember(officeId, folded);
    return folded;
  }
}

/** A check recorded before checks carried their status needs the whole stream to fold. */
const carriesStatus = (event: RecordedEvent): boolean =>
  event.type !== 'PmsHealthChecked' || (event.data as { status?: string }).status !== undefined;
