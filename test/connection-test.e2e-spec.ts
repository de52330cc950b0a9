import {
  RunningDentrixSimulator,
  RunningEaglesoftSimulator,
  startDentrixSimulator,
  startEaglesoftSimulator,
} from '@pms-hub/pms-simulators';
import { OfficeConfig } from '../apps/hub/src/offices/office-config';
import { RunningHub } from '../apps/hub/src/hub';
import { request } from './support/http';
import { startInProcessHub } from './support/in-process-hub';
import { TEST_CREDENTIALS } from './support/offices-file';

const WRONG_PASSWORD = 'wrong-pw-e2e-secret-4d1b';
const EAGLESOFT_CREDENTIALS = {
  username: 'hub-test',
  password: 'es-pw-e2e-secret-62aa',
  database: 'e2e',
  clientId: 'pms-hub',
  clientSecret: 'es-client-e2e-secret-0c5e',
};

describe('POST /offices/:officeId/connection-test (in-process hub, real PMS simulators over HTTP)', () => {
  let dentrix: RunningDentrixSimulator;
  let eaglesoft: RunningEaglesoftSimulator;
  let hub: RunningHub & { dataDir: string };

  beforeAll(async () => {
    dentrix = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    eaglesoft = await startEaglesoftSimulator({ credentials: EAGLESOFT_CREDENTIALS, port: 0 });
    const dentrixOffice = (officeId: string, password: string): OfficeConfig => ({
      officeId,
      connection: { pmsType: 'dentrix', baseUrl: dentrix.url, ...TEST_CREDENTIALS, password },
    });
    hub = await startInProcessHub([
      dentrixOffice('good-dentrix', TEST_CREDENTIALS.password),
      dentrixOffice('wrong-password-dentrix', WRONG_PASSWORD),
      {
        officeId: 'good-eaglesoft',
        connection: { pmsType: 'eaglesoft', baseUrl: eaglesoft.url, ...EAGLESOFT_CREDENTIALS },
      },
    ]);
  });
  afterAll(async () => {
    await hub?.close();
    await dentrix?.close();
    await eaglesoft?.close();
  });

  const connectionTest = (officeId: string) =>
    request('POST', `${hub.url}/offices/${officeId}/connection-test`);
  const passed = (step: string) => ({ step, ok: true, durationMs: expect.any(Number) });

  it('passes both steps for a Dentrix office with good credentials', async () => {
    const { status, body } = await connectionTest('good-dentrix');
    expect(status).toBe(200);
    expect(body).toEqual({
      officeId: 'good-dentrix',
      pmsType: 'dentrix',
      ok: true,
      steps: [passed('auth+health'), passed('read')],
    });
  });

  it('fails clearly for a wrong password, naming the refusal and no credential', async () => {
    const { status, body } = await connectionTest('wrong-password-dentrix');
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.steps.map((s: { step: string; ok: boolean }) => [s.step, s.ok])).toEqual([
      ['auth+health', false],
      ['read', false],
    ]);
    expect(body.steps[0].error).toMatch(/authentication failed \(401\)/);
    expect(body.steps[0].error).toMatch(/office wrong-password-dentrix/);
    const text = JSON.stringify(body);
    for (const secret of [WRONG_PASSWORD, TEST_CREDENTIALS.password, TEST_CREDENTIALS.apiKey]) {
      expect(text).not.toContain(secret);
    }
  });

  it('works for another PMS: an Eaglesoft office signs in for a token and reads', async () => {
    const { status, body } = await connectionTest('good-eaglesoft');
    expect(status).toBe(200);
    expect(body).toEqual({
      officeId: 'good-eaglesoft',
      pmsType: 'eaglesoft',
      ok: true,
      steps: [passed('auth+health'), passed('read')],
    });
  });

  it('answers 404 for an unknown office', async () => {
    expect((await connectionTest('nope')).status).toBe(404);
  });

  it('documents the route in OpenAPI', async () => {
    const { paths } = (await request('GET', `${hub.url}/docs-json`)).body;
    expect(paths['/offices/{officeId}/connection-test']?.post).toBeDefined();
  });
});
