import { PmsCall } from '@pms-hub/domain';
import { PmsAdapter, PmsError, PmsHealth } from '@pms-hub/pms';
import { HubMetrics } from '../platform/metrics/hub.metrics';
import { TimedPmsAdapter } from './timed.adapter';

const OPERATIONS = [
  'searchPatients',
  'getPatient',
  'createPatient',
  'listProviders',
  'listLocations',
  'getAvailability',
  'bookAppointment',
  'cancelAppointment',
  'findAppointments',
] as const;

/** An adapter whose every operation answers its own name, or throws what `failing` says. */
function fakeAdapter(health: PmsHealth, failing?: PmsError): PmsAdapter {
  const answer = (operation: string) => async () => {
    if (failing) throw failing;
    return operation;
  };
  return {
    pmsType: 'dentrix',
    checkHealth: async () => health,
    ...Object.fromEntries(OPERATIONS.map((operation) => [operation, answer(operation)])),
  } as unknown as PmsAdapter;
}

describe('TimedPmsAdapter (in-process fake adapter)', () => {
  const healthy: PmsHealth = { healthy: true, responseTimeMs: 1, endpoints: [] };

  async function requestCounts(metrics: HubMetrics): Promise<Record<string, number>> {
    const family = (await metrics.registry.getMetricsAsJSON()).find(
      ({ name }) => name === 'pms_request_duration_seconds',
    )!;
    return Object.fromEntries(
      family.values
        .filter((v) => 'metricName' in v && v.metricName === 'pms_request_duration_seconds_count')
        .map(({ labels, value }) => [`${labels.operation} ${labels.outcome}`, value]),
    );
  }

  it('times every operation under its method name, and passes each answer through', async () => {
    const metrics = new HubMetrics();
    const calls: PmsCall[] = [];
    const timed = new TimedPmsAdapter(fakeAdapter(healthy), 'o1', metrics, (c) => calls.push(c));
    const call = (operation: (typeof OPERATIONS)[number]) =>
      (timed[operation] as () => Promise<unknown>)();
    for (const operation of OPERATIONS) expect(await call(operation)).toBe(operation);
    expect(await timed.checkHealth()).toBe(healthy);

    // Health checks are monitoring's own record: timed, never counted as the office's traffic.
    expect(calls.map(({ operation, outcome }) => `${operation} ${outcome}`)).toEqual(
      OPERATIONS.map((operation) => `${operation} ok`),
    );
    expect(calls.every(({ durationMs }) => durationMs >= 0)).toBe(true);
    expect(await requestCounts(metrics)).toEqual(
      Object.fromEntries([...OPERATIONS, 'checkHealth'].map((operation) => [`${operation} ok`, 1])),
    );
  });

  it('records a PMS refusal as an error with its status code, and rethrows it', async () => {
    const metrics = new HubMetrics();
    const calls: PmsCall[] = [];
    const taken = new PmsError('conflict', 'slot taken', 409);
    const timed = new TimedPmsAdapter(fakeAdapter(healthy, taken), 'o1', metrics, (c) =>
      calls.push(c),
    );
    await expect(timed.listProviders()).rejects.toBe(taken);
    expect(calls).toEqual([
      {
        operation: 'listProviders',
        durationMs: expect.any(Number),
        outcome: 'error',
        statusCode: 409,
      },
    ]);
    expect(await requestCounts(metrics)).toEqual({ 'listProviders error': 1 });
  });

  it('times a health check that reports the PMS down as an error, in the metrics only', async () => {
    const down: PmsHealth = {
      healthy: false,
      responseTimeMs: 3,
      endpoints: [{ endpoint: 'providers', healthy: false, statusCode: 503, responseTimeMs: 3 }],
    };
    const metrics = new HubMetrics();
    const calls: PmsCall[] = [];
    const timed = new TimedPmsAdapter(fakeAdapter(down), 'o1', metrics, (c) => calls.push(c));
    expect(await timed.checkHealth()).toBe(down);
    expect(await requestCounts(metrics)).toEqual({ 'checkHealth error': 1 });
    expect(calls).toEqual([]);
  });
});
