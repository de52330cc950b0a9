import { AxiosError, AxiosResponse } from 'axios';
import { BearerTokenCache } from '../auth/bearer-token.cache';
import { PmsError } from '../pms-adapter.port';
import { MalformedResponseError } from '../vendor-response.reader';
import { PmsCallRunner } from './pms-call.runner';

const answered = (status: number, data: unknown = {}) => ({ status, data }) as AxiosResponse;
const failedWith = (status: number) =>
  new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, answered(status));

describe('PmsCallRunner', () => {
  const runner = new PmsCallRunner('dentrix', 'office-1');

  it('names PMS, office and operation in every failure, telling reads from writes', async () => {
    const unreadable = () => Promise.reject(new MalformedResponseError('missing ID'));

    await expect(runner.run('getPatient', unreadable)).rejects.toEqual(
      new PmsError(
        'invalid',
        'dentrix getPatient for office office-1: unreadable answer (missing ID)',
      ),
    );
    await expect(runner.run('createPatient', unreadable)).rejects.toMatchObject({
      kind: 'unknown-outcome',
    });
  });

  it('says what a 409 means for the operation, and passes a PmsError on as it is', async () => {
    const taken = runner.run(
      'bookAppointment',
      () => Promise.reject(failedWith(409)),
      'slot not available',
    );
    await expect(taken).rejects.toEqual(
      new PmsError(
        'conflict',
        'dentrix bookAppointment for office office-1: slot not available (409)',
        409,
      ),
    );

    const decided = new PmsError('invalid', 'decided before the call');
    await expect(runner.run('bookAppointment', () => Promise.reject(decided))).rejects.toBe(
      decided,
    );
  });

  it('signs calls in, and lets the vendor name a failed token request', async () => {
    const down = new Error('ECONNREFUSED');
    const signedIn = new PmsCallRunner('eaglesoft', 'office-1', {
      tokens: new BearerTokenCache(() => Promise.reject(down)),
      classifyFailure: (failure, call) =>
        new PmsError('unreachable', `${call.operation} sign-in: ${(failure as Error).message}`),
    });
    const send = jest.fn();

    await expect(signedIn.run('listProviders', send)).rejects.toEqual(
      new PmsError('unreachable', 'listProviders sign-in: ECONNREFUSED'),
    );
    expect(send).not.toHaveBeenCalled();
  });

  describe('probe', () => {
    const health = (request: () => Promise<AxiosResponse>) =>
      runner.probe({
        endpoint: 'GET /health',
        request,
        readStatus: (data) => (data as { status: string }).status,
        healthyStatus: 'OK',
      });

    it('reports a healthy PMS with its endpoint, status code and timing', async () => {
      expect(await health(async () => answered(200, { status: 'OK' }))).toEqual({
        healthy: true,
        responseTimeMs: expect.any(Number),
        endpoints: [
          {
            endpoint: 'GET /health',
            healthy: true,
            responseTimeMs: expect.any(Number),
            statusCode: 200,
          },
        ],
      });
    });

    it('reports another status word, or a failure, as unhealthy without throwing', async () => {
      expect(await health(async () => answered(200, { status: 'DEGRADED' }))).toMatchObject({
        healthy: false,
        error: 'dentrix checkHealth for office office-1: status not OK',
      });
      expect(await health(() => Promise.reject(failedWith(503)))).toMatchObject({
        healthy: false,
        endpoints: [{ healthy: false, statusCode: 503 }],
        error: 'dentrix checkHealth for office office-1: server error (503)',
      });
    });
  });
});
