import { createPmsAdapter } from './pms-adapter.factory';
import { PmsConnection, PmsError } from './pms-adapter.port';

// Nothing is sent: an adapter checks the office's zone before it opens any connection.
const server = { baseUrl: 'http://127.0.0.1:9', username: 'u', password: 'p' };
const CONNECTIONS: readonly PmsConnection[] = [
  { pmsType: 'dentrix', ...server, database: 'db', apiKey: 'k' },
  { pmsType: 'eaglesoft', ...server, database: 'db', clientId: 'c', clientSecret: 's' },
  { pmsType: 'carestack', ...server, vendorKey: 'v', accountKey: 'a', accountId: '1' },
  { pmsType: 'dummy' },
];

function failureOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected the adapter to refuse');
}

describe('createPmsAdapter', () => {
  it.each(CONNECTIONS.map((connection) => [connection.pmsType, connection] as const))(
    'refuses an unknown office time zone as invalid, the same way for %s',
    (pmsType, connection) => {
      const failure = failureOf(() =>
        createPmsAdapter(connection, { officeId: 'office-1', timeZone: 'Mars/Olympus' }),
      );
      expect(failure).toBeInstanceOf(PmsError);
      expect(failure).toMatchObject({
        kind: 'invalid',
        statusCode: undefined,
        message: `${pmsType} adapter for office office-1: unknown time zone Mars/Olympus`,
      });
    },
  );
});
