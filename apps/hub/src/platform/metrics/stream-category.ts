import {
  API_KEYS_STREAM,
  bookingStream,
  cancellationStream,
  officeHealthStream,
  officeStream,
  officeTrafficStream,
  patientRegistrationStream,
  pmsCircuitStream,
} from '@pms-hub/domain';

// Stream names are `<category>-<id>`; an id may itself hold dashes (uuids, office ids).
const KNOWN_PREFIXES = [
  bookingStream(''),
  patientRegistrationStream(''),
  cancellationStream(''),
  pmsCircuitStream(''),
  officeHealthStream(''),
  officeTrafficStream(''),
  officeStream(''),
];
const UUID_SUFFIX = /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The category of a stream, as a metric label: a stream of a new kind keyed by a uuid still gets
 * its own category, anything else is `other` so that ids never become label values.
 */
export function streamCategoryOf(streamId: string): string {
  if (streamId === API_KEYS_STREAM) return API_KEYS_STREAM;
  const known = KNOWN_PREFIXES.find((prefix) => streamId.startsWith(prefix));
  if (known) return known.slice(0, -1);
  const category = streamId.replace(UUID_SUFFIX, '');
  return category !== streamId && category !== '' ? category : 'other';
}
