import { deciderSpecification } from '../shared/decider-specification.testing';
import { metadataOf } from '../shared/deterministic-context.testing';
import { histogramOf } from './duration-histogram';
import { officeTrafficDecider } from './office-traffic.decider';
import { PmsCall } from './office-traffic.events';

const interval = {
  pmsType: 'dentrix',
  from: '2026-11-26T09:59:55.000Z',
  to: '2026-11-26T10:00:00.000Z',
};
const ok = (operation: string, durationMs: number): PmsCall => ({
  operation,
  durationMs,
  outcome: 'ok',
});
const failed = (operation: string, durationMs: number, statusCode?: number): PmsCall => ({
  operation,
  durationMs,
  outcome: 'error',
  ...(statusCode === undefined ? {} : { statusCode }),
});

const given = deciderSpecification(officeTrafficDecider);

describe('traffic rollup', () => {
  it('records nothing for an interval without calls', () => {
    given([]).when({ interval, calls: [] }).thenNothing();
  });

  it('sums each operation: count, errors by status, exact total and histogram', () => {
    const calls = [
      ok('getAvailability', 12),
      failed('getAvailability', 30, 503),
      failed('getAvailability', 31, 503),
      failed('getAvailability', 5000),
      ok('listProviders', 8),
    ];
    given([])
      .when({ interval, calls })
      .then([
        {
          type: 'PmsTrafficRolledUp',
          data: {
            ...interval,
            operations: {
              getAvailability: {
                count: 4,
                errors: 3,
                totalMs: 5073,
                statusCodes: { '503': 2 },
                histogram: histogramOf([12, 30, 31, 5000]),
              },
              listProviders: {
                count: 1,
                errors: 0,
                totalMs: 8,
                statusCodes: {},
                histogram: histogramOf([8]),
              },
            },
          },
          metadata: metadataOf('evt-1'),
        },
      ]);
  });
});
