import { Decider } from '../shared/decider';
import { assertNever, metadataFor } from '../shared/event';
import { OfficeConfigSource, OfficeEvent, OfficeProfile } from './office.events';

export interface OfficeState {
  readonly profile: OfficeProfile;
  readonly registeredAt: string;
  readonly updatedAt: string;
  /** The last replacement after registration; absent when the first credentials are still in use. */
  readonly credentialsReplacedAt?: string;
}

export interface RegisterOffice {
  readonly profile: OfficeProfile;
  /** The caller stored credentials that differ from the previous ones (the decider never sees them). */
  readonly credentialsReplaced: boolean;
  readonly via: OfficeConfigSource;
}

/**
 * Registers an unknown office, or records what changed in a known one. The same profile again
 * with the same credentials records nothing, so the offices file can be re-applied at every start.
 * Changing `pmsType` is an office migrating to another PMS: an ordinary change. The state is
 * undefined before the office's registration.
 */
export const officeDecider: Decider<OfficeState | undefined, RegisterOffice, OfficeEvent> = {
  initialState: undefined,
  decide(command, state, context) {
    const profile = profileOf(command.profile);
    if (!state) {
      const data = { ...profile, registeredVia: command.via };
      return [{ type: 'OfficeRegistered', data, metadata: metadataFor(context) }];
    }
    const changes = changesBetween(state.profile, profile);
    if (Object.keys(changes).length === 0 && !command.credentialsReplaced) return [];
    const data = {
      changes,
      credentialsReplaced: command.credentialsReplaced,
      updatedVia: command.via,
    };
    return [{ type: 'OfficeUpdated', data, metadata: metadataFor(context) }];
  },
  evolve(state, event) {
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'OfficeRegistered':
        return { profile: profileOf(event.data), registeredAt: at, updatedAt: at };
      case 'OfficeUpdated':
        if (!state) throw new Error(`${event.type} ${event.metadata.eventId} before registration`);
        return {
          ...state,
          profile: { ...state.profile, ...event.data.changes },
          updatedAt: at,
          ...(event.data.credentialsReplaced ? { credentialsReplacedAt: at } : {}),
        };
      default:
        return assertNever(event);
    }
  },
};

/** Copies the profile's own fields only: whatever else the object carries never reaches an event. */
const profileOf = ({ pmsType, baseUrl, timeZone, locations }: OfficeProfile): OfficeProfile => ({
  pmsType,
  baseUrl,
  timeZone,
  locations: [...locations],
});

function changesBetween(before: OfficeProfile, after: OfficeProfile): Partial<OfficeProfile> {
  return {
    ...(after.pmsType === before.pmsType ? {} : { pmsType: after.pmsType }),
    ...(after.baseUrl === before.baseUrl ? {} : { baseUrl: after.baseUrl }),
    ...(after.timeZone === before.timeZone ? {} : { timeZone: after.timeZone }),
    // Order-sensitive: the same locations listed in another order record a (harmless) change.
    ...(sameList(after.locations, before.locations) ? {} : { locations: after.locations }),
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);
