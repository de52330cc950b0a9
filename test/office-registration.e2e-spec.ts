import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import {
  RunningDentrixSimulator,
  RunningEaglesoftSimulator,
  startDentrixSimulator,
  startEaglesoftSimulator,
} from '@pms-hub/pms-simulators';
import { createPatientCommand } from './support/commands';
import { JsonResponse, TEST_ADMIN_KEY, requestWithKey } from './support/http';
import { HubProcess, startHubProcess } from './support/hub-process';
import { TEST_CREDENTIALS, writeOfficesFile } from './support/offices-file';

const EAGLESOFT = {
  username: 'hub-test',
  password: 'es-reg-pw-secret-5b1e',
  database: 'e2e',
  clientId: 'pms-hub',
  clientSecret: 'es-reg-client-secret-8d40',
};
const WRONG_PASSWORD = 'wrong-reg-pw-secret-2c7d';
const URL_PASSWORD = 'url-pw-secret-93fe';
const MASTER_KEY = randomBytes(32).toString('base64');
const FILE_OFFICE = 'file-office';
const API_OFFICE = 'api-office';

describe('offices registered from the file and over the API; secrets kept out of sight (hub process, simulators over HTTP)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-offices-'));
  const dataDir = join(dir, 'data');
  let dentrix: RunningDentrixSimulator;
  let eaglesoft: RunningEaglesoftSimulator;
  let hub: HubProcess;
  let officesFile: string;
  const outputs: string[] = [];
  const answers: string[] = [];
  const tokens: string[] = [];
  const secrets = () => [
    TEST_CREDENTIALS.password,
    TEST_CREDENTIALS.apiKey,
    EAGLESOFT.password,
    EAGLESOFT.clientSecret,
    WRONG_PASSWORD,
    URL_PASSWORD,
    TEST_ADMIN_KEY,
    MASTER_KEY,
    ...tokens,
  ];

  /** Every answer is kept, to be searched for secrets at the end. */
  const call = async (method: string, path: string, body?: unknown, key = TEST_ADMIN_KEY) => {
    const response: JsonResponse = await requestWithKey(key, method, `${hub.url}${path}`, body);
    answers.push(JSON.stringify(response.body) ?? '');
    return response;
  };
  const start = async (env: Record<string, string> = {}) => {
    hub = await startHubProcess({
      DATA_DIR: dataDir,
      OFFICES_FILE: officesFile,
      HUB_MASTER_KEY: MASTER_KEY,
      MONITOR_INTERVAL_MS: '300',
      ...env,
    });
  };
  const stop = async () => {
    await hub.kill('SIGTERM');
    outputs.push(hub.output());
  };
  const eaglesoftOffice = (password: string) => ({
    officeId: API_OFFICE,
    timeZone: 'America/Denver',
    locations: ['1'],
    connection: { pmsType: 'eaglesoft', baseUrl: eaglesoft.url, ...EAGLESOFT, password },
  });

  beforeAll(async () => {
    dentrix = await startDentrixSimulator({ port: 0, credentials: TEST_CREDENTIALS });
    eaglesoft = await startEaglesoftSimulator({ port: 0, credentials: EAGLESOFT });
    // The tokens the simulator hands out are secrets too: record them to search for them.
    const issue = eaglesoft.state.tokens.issue.bind(eaglesoft.state.tokens);
    eaglesoft.state.tokens.issue = () => {
      const answer = issue();
      tokens.push(answer.access_token);
      return answer;
    };
    officesFile = writeOfficesFile(dir, FILE_OFFICE, dentrix.url);
    await start();
  });
  afterAll(async () => {
    if (hub?.child.exitCode === null) await stop();
    await dentrix?.close();
    await eaglesoft?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the office of the offices file, without its credentials', async () => {
    const { status, body } = await call('GET', '/offices');
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        officeId: FILE_OFFICE,
        pmsType: 'dentrix',
        baseUrl: dentrix.url,
        timeZone: 'UTC',
        locations: [],
        registeredAt: expect.any(String),
        updatedAt: expect.any(String),
        served: true,
        monitored: true,
      },
    ]);
  });

  it('registers an office over the admin API and serves it at once', async () => {
    const registered = await call('POST', '/offices', eaglesoftOffice(EAGLESOFT.password));
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      outcome: 'registered',
      office: {
        officeId: API_OFFICE,
        pmsType: 'eaglesoft',
        timeZone: 'America/Denver',
        locations: ['1'],
        served: true,
      },
    });
    const created = await call('POST', '/commands', createPatientCommand(API_OFFICE, 1));
    expect(created.body.status).toBe('succeeded');
    // Monitoring was on: the new office is monitored too.
    await eventually('the new office to be checked', async () => {
      const { body } = await call('GET', `/offices/${API_OFFICE}/health`);
      return body.status === 'healthy' ? body : undefined;
    });
  });

  it('records nothing when the same office is registered again', async () => {
    const again = await call('POST', '/offices', eaglesoftOffice(EAGLESOFT.password));
    expect([again.status, again.body.outcome]).toEqual([200, 'unchanged']);
  });

  it('refuses an invalid office, naming the field and never a value', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...eaglesoftOffice(WRONG_PASSWORD), officeId: 'bad id!' }, /officeId must be/],
      [{ ...eaglesoftOffice(WRONG_PASSWORD), timeZone: 'Mars/Base' }, /timeZone must be an IANA/],
      [
        {
          officeId: 'x',
          connection: { ...eaglesoftOffice(WRONG_PASSWORD).connection, baseUrl: 'ftp:x' },
        },
        /connection.baseUrl must be an http\(s\) URL/,
      ],
      [
        {
          officeId: 'x',
          connection: { pmsType: 'eaglesoft', baseUrl: eaglesoft.url, password: WRONG_PASSWORD },
        },
        /connection.username is missing/,
      ],
      [
        { officeId: 'x', connection: { pmsType: 'opendental' } },
        /connection.pmsType must be one of/,
      ],
      [{ officeId: 'x', connection: { pmsType: 'toString' } }, /connection.pmsType must be one of/],
      [
        {
          officeId: 'x',
          connection: {
            ...eaglesoftOffice(EAGLESOFT.password).connection,
            baseUrl: `http://svc:${URL_PASSWORD}@127.0.0.1:1/`,
          },
        },
        /connection.baseUrl must not hold credentials/,
      ],
      [
        {
          officeId: 'x',
          connection: {
            ...eaglesoftOffice(EAGLESOFT.password).connection,
            baseUrl: `http://127.0.0.1:1/?apiKey=${URL_PASSWORD}`,
          },
        },
        /connection.baseUrl must not hold credentials/,
      ],
      [[1, 2], /officeId must be/],
    ];
    for (const [body, reason] of cases) {
      const { status, body: answer } = await call('POST', '/offices', body);
      expect(status).toBe(400);
      expect(answer.message).toMatch(reason);
    }
  });

  it('replaces credentials: the event says so, the connection test fails clearly, and new credentials fix it', async () => {
    const wrong = await call('POST', '/offices', eaglesoftOffice(WRONG_PASSWORD));
    expect([wrong.status, wrong.body.outcome]).toEqual([200, 'updated']);
    expect(wrong.body.office.credentialsReplacedAt).toEqual(expect.any(String));
    const test = await call('POST', `/offices/${API_OFFICE}/connection-test`);
    expect(test.body.ok).toBe(false);
    expect(test.body.steps[0].error).toMatch(/authentication failed \(401\)/);
    // Let the monitor fail a few checks with the wrong password: their logs are searched too.
    await eventually('a failed check with the wrong password', async () => {
      const { body } = await call('GET', `/offices/${API_OFFICE}/health`);
      return body.errorMessage ? body : undefined;
    });
    const fixed = await call('POST', '/offices', eaglesoftOffice(EAGLESOFT.password));
    expect(fixed.body.outcome).toBe('updated');
    expect((await call('POST', `/offices/${API_OFFICE}/connection-test`)).body.ok).toBe(true);
  });

  it('keeps every office across a restart; the unchanged offices file records nothing new', async () => {
    // Issuing is the one answer that shows a key, on purpose: it is not among the answers searched.
    const { body: issued } = await requestWithKey(TEST_ADMIN_KEY, 'POST', `${hub.url}/api-keys`, {
      name: 'auditor',
      scopes: ['read'],
    });
    tokens.push(issued.key);
    expect((await call('GET', '/offices', undefined, issued.key)).status).toBe(200);
    await stop();
    await start();
    const { body } = await call('GET', '/offices');
    expect(body.map((o: { officeId: string }) => o.officeId).sort()).toEqual([
      API_OFFICE,
      FILE_OFFICE,
    ]);
    const created = await call('POST', '/commands', createPatientCommand(API_OFFICE, 2));
    expect(created.body.status).toBe('succeeded');
    expect((await call('GET', '/offices', undefined, issued.key)).status).toBe(200);
  });

  it('refuses to start with another master key, saying which setting to check', async () => {
    await stop();
    const other = randomBytes(32).toString('base64');
    const refused = await start({ HUB_MASTER_KEY: other }).then(
      () => new Error('the hub started'),
      (error: Error) => error,
    );
    outputs.push(refused.message);
    expect(refused.message).toMatch(
      /cannot be decrypted: is HUB_MASTER_KEY the key they were written with/,
    );
    expect(refused.message).not.toContain(other);
    await start();
    outputs.push(hub.output());
  });

  it('shows no password, token, API key or master key in any answer, log line, event or store file', async () => {
    await stop();
    const { store } = createEventStore({ kind: 'embedded', path: join(dataDir, 'events.sqlite') });
    const events = JSON.stringify(await store.readAll());
    await store.close();
    const offices = events.match(/"type":"Office(Registered|Updated)"/g) ?? [];
    // file office: registered once; API office: registered, wrong password, fixed.
    expect(offices).toHaveLength(4);
    const files = readdirSync(dataDir).map((name) => ({
      name,
      text: readFileSync(join(dataDir, name)).toString('latin1'),
    }));
    expect(files.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['events.sqlite', 'credentials.enc.json']),
    );
    expect(tokens.length).toBeGreaterThan(1);
    const places = [
      ['answers', answers.join('\n')],
      ['logs', outputs.join('\n')],
      ['events', events],
      ...files.map(({ name, text }) => [name, text]),
    ];
    secrets().forEach((secret, index) => {
      for (const [place, text] of places) {
        expect([place, `secret #${index}`, text.includes(secret)]).toEqual([
          place,
          `secret #${index}`,
          false,
        ]);
      }
    });
    // The check is not vacuous: the logs hold the office's failed checks.
    expect(outputs.join('\n')).toMatch(/api-office/);
  });
});
