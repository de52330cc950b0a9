import { DummyAdapter, PmsAdapter, PmsError } from '@pms-hub/pms';
import { OfficeDirectory } from '../office-directory';
import { UnknownOfficeError } from '../unknown-office.error';
import { ConnectionTestService } from './connection-test.service';

describe('ConnectionTestService', () => {
  /** A dummy office whose adapter has `overrides` in place of the in-memory behaviour. */
  const serviceWith = (overrides: Partial<PmsAdapter> = {}) => {
    const adapter = Object.assign(
      new DummyAdapter({ pmsType: 'dummy' }, { officeId: 'office-1' }),
      overrides,
    );
    return new ConnectionTestService(
      new OfficeDirectory(
        [{ officeId: 'office-1', connection: { pmsType: 'dummy' } }],
        () => adapter,
      ),
    );
  };

  it('passes both steps on a working PMS, timing each', async () => {
    expect(await serviceWith().test('office-1')).toEqual({
      officeId: 'office-1',
      pmsType: 'dummy',
      ok: true,
      steps: [
        { step: 'auth+health', ok: true, durationMs: expect.any(Number) },
        { step: 'read', ok: true, durationMs: expect.any(Number) },
      ],
    });
  });

  it("fails the first step with the health check's error, and still tries the read", async () => {
    const refused = 'dummy listLocations for office office-1: authentication failed (401)';
    const result = await serviceWith({
      checkHealth: async () => ({
        healthy: false,
        responseTimeMs: 3,
        endpoints: [],
        error: 'dummy checkHealth for office office-1: authentication failed (401)',
      }),
      listLocations: () => Promise.reject(new PmsError('auth', refused, 401)),
    }).test('office-1');
    expect(result.ok).toBe(false);
    expect(result.steps).toEqual([
      {
        step: 'auth+health',
        ok: false,
        durationMs: expect.any(Number),
        error: 'dummy checkHealth for office office-1: authentication failed (401)',
      },
      { step: 'read', ok: false, durationMs: expect.any(Number), error: refused },
    ]);
  });

  it('names only the type of an unexpected error, whose message might hold a secret', async () => {
    const result = await serviceWith({
      listLocations: () => Promise.reject(new TypeError('password=hunter2 is not a function')),
    }).test('office-1');
    expect(result.steps[1]).toMatchObject({ ok: false, error: 'unexpected TypeError' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('refuses an unknown office', async () => {
    await expect(serviceWith().test('nope')).rejects.toThrow(UnknownOfficeError);
  });
});
