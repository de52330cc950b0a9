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
import { ResumingSubscription } from '../../../platform/projections/resuming-subscription';
import { toDomainEvents } from '../../../platform/event-store/stored-events';
import { CREDENTIAL_STORE, CredentialStore } from '../../../platform/secrets/credential-store.port';
import { officeConfigOf } from '../../office-config';
import { OfficeDirectory } from '../../office-directory';

const FILTER = { streamPrefixes: [OFFICE_PROFILE_STREAM_PREFIX] };
const PAGE = 1000;

export interface CatalogEntry extends OfficeState {
  readonly officeId: string;
  /** False while the credential store has nothing for it: the hub cannot reach its PMS. */
  readonly served: boolean;
}

/**
 * Every registered office, from the office-profile streams, and the directory that serves them:
 * each registration (from this instance's offices file or admin API, or another instance's)
 * gives the office an adapter built from its profile and its stored credentials.
 */
@Injectable()
export class OfficeCatalogProjection {
  private readonly logger = new Logger('office-catalog');
  private readonly entries = new Map<string, CatalogEntry>();
  /** One sync per office at a time: an older read must not overwrite a newer one's adapter. */
  private readonly syncs = new Map<string, Promise<void>>();
  private readonly subscription: ResumingSubscription;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: OfficeDirectory,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
  ) {
    this.subscription = new ResumingSubscription(
      store,
      FILTER,
      (event) => this.sync(officeIdOf(event), replacesCredentials(event)),
      (error) => this.logger.error(`office catalog: ${error.message}`),
    );
  }

  /**
   * Serves every office registered so far, then follows new registrations and changes. Fails
   * when credentials cannot be read (a wrong master key): better no start than no office served.
   */
  async load(): Promise<void> {
    const histories = new Map<string, RecordedEvent[]>();
    let after: string | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, filter: FILTER, maxCount: PAGE });
      for (const event of page) {
        const officeId = officeIdOf(event);
        const history = histories.get(officeId) ?? [];
        history.push(event);
        histories.set(officeId, history);
      }
      after = page.at(-1)?.position ?? after;
      if (page.length < PAGE) break;
    }
    for (const [officeId, recorded] of histories) {
      await this.serve(officeId, fold(officeDecider, toDomainEvents<OfficeEvent>(recorded)));
    }
    this.subscription.start(after);
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  /**
   * Brings one office up to date with its stream, e.g. right after registering it here. An office
   * whose credentials cannot be read is left unserved (and said so), never stalls the others.
   */
  sync(officeId: string, credentialsReplaced: boolean): Promise<void> {
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
