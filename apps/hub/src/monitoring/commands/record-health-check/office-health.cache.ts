import { LRUCache } from 'lru-cache';
import {
  HealthRules,
  OfficeHealthEvent,
  OfficeHealthState,
  officeHealthOf,
  officeHealthStream,
} from '@pms-hub/domain';
import { EventStore } from '@pms-hub/event-store';
import { toDomainEvents } from '../../../platform/event-store/stored-events';

/** An office's health folded up to and including the event at `revision` (-1: none yet). */
export interface FoldedHealth {
  readonly revision: number;
  readonly state: OfficeHealthState;
}

/**
 * Each office's health as last folded by this hub, so that a check reads only the events appended
 * since (by this hub or another), not the whole stream, which grows by one event per check. An
 * office never seen, or evicted, is folded from its whole stream once.
 */
export class OfficeHealthCache {
  private readonly folded: LRUCache<string, FoldedHealth>;
  private readonly nothingFolded: FoldedHealth;

  constructor(
    private readonly store: EventStore,
    private readonly rules: HealthRules,
    maxOffices = 50_000,
  ) {
    this.folded = new LRUCache({ max: maxOffices });
    this.nothingFolded = { revision: -1, state: officeHealthOf([], rules) };
  }

  /** The office's health at the current end of its stream, reading only what follows `known`. */
  async read(officeId: string, known?: FoldedHealth): Promise<FoldedHealth> {
    const from = known ?? this.folded.get(officeId) ?? this.nothingFolded;
    const tail = await this.store.readStream(officeHealthStream(officeId), {
      fromRevision: from.revision + 1,
    });
    // A tail that does not follow the fold (a store that ignored `fromRevision`): fold it all.
    if (tail.length > 0 && tail[0].revision !== from.revision + 1 && from !== this.nothingFolded) {
      this.forget(officeId);
      return this.read(officeId, this.nothingFolded);
    }
    const revision = tail.at(-1)?.revision ?? from.revision;
    return this.fold(officeId, from, toDomainEvents<OfficeHealthEvent>(tail), revision);
  }

  /** The stream is behind this fold (a restored store): the next read folds it from the start. */
  forget(officeId: string): void {
    this.folded.delete(officeId);
  }

  /** `from` followed by `events`, the last of them at `revision`; kept unless already outdated. */
  fold(
    officeId: string,
    from: FoldedHealth,
    events: readonly OfficeHealthEvent[],
    revision: number,
  ): FoldedHealth {
    const next = { revision, state: officeHealthOf(events, this.rules, from.state) };
    // Concurrent checks of one office may finish out of order: never go back to an older fold.
    if ((this.folded.peek(officeId)?.revision ?? -1) < revision) this.folded.set(officeId, next);
    return next;
  }
}
