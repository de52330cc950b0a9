import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { createPatientCommand } from './support/commands';
import { TEST_ADMIN_KEY, request, requestWithKey } from './support/http';
import { HubProcess, startHubProcess } from './support/hub-process';
import { TEST_CREDENTIALS, writeOfficesFile } from './support/offices-file';

const [A, B, C] = ['keys-office-a', 'keys-office-b', 'keys-office-c'];

describe('API keys (hub process, Dentrix simulator over HTTP)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-api-keys-'));
  let simulator: RunningDentrixSimulator;
  let hub: HubProcess;
  /** read, offices A and B. */
  let readerOfAB: string;
  /** command only (no read), office A. */
  let commanderOfA: string;

  const issue = async (body: object): Promise<string> => {
    const issued = await request('POST', `${hub.url}/api-keys`, body);
    expect(issued.status).toBe(201);
    return issued.body.key;
  };

  beforeAll(async () => {
    simulator = await startDentrixSimulator({ port: 0, credentials: TEST_CREDENTIALS });
    hub = await startHubProcess({
      DATA_DIR: join(dir, 'data'),
      OFFICES_FILE: writeOfficesFile(dir, [A, B, C], simulator.url),
      MONITOR_ENABLED: 'off',
    });
    readerOfAB = await issue({ name: 'front desk of A and B', scopes: ['read'], offices: [A, B] });
    commanderOfA = await issue({ name: 'booking bot of A', scopes: ['command'], offices: [A] });
  });
  afterAll(async () => {
    await hub?.kill('SIGTERM');
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 401 without a key on every documented route but liveness and readiness', async () => {
    const docs = await request('GET', `${hub.url}/docs-json`);
    const routes: [string, string][] = Object.entries(
      docs.body.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method): [string, string] => [
        method.toUpperCase(),
        path
          .replace(/\{officeId\}/g, A)
          .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
      ]),
    );
    // Prometheus's scrape target is left out of the docs, not out of the rule.
    routes.push(['GET', '/metrics']);
    expect(routes.length).toBeGreaterThan(15);
    for (const [method, path] of routes) {
      const { status, headers } = await requestWithKey(null, method, `${hub.url}${path}`);
      const expected = path === '/health/live' || path === '/health/ready' ? 200 : 401;
      expect([method, path, status]).toEqual([method, path, expected]);
      if (expected === 401) expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('refuses a key it did not issue, as a Bearer token or X-API-Key, without echoing it', async () => {
    const forged = `phk_${'0'.repeat(32)}_${'A'.repeat(43)}`;
    for (const key of [forged, 'not-a-key', `${TEST_ADMIN_KEY}x`]) {
      const { status, body } = await requestWithKey(key, 'GET', `${hub.url}/offices`);
      expect(status).toBe(401);
      expect(body.message).toMatch(/not valid/);
      expect(JSON.stringify(body)).not.toContain(key);
      const viaHeader = await fetch(`${hub.url}/offices`, { headers: { 'x-api-key': key } });
      expect(viaHeader.status).toBe(401);
    }
  });

  it('takes the key as a Bearer token or as X-API-Key', async () => {
    const viaHeader = await fetch(`${hub.url}/offices/${A}`, {
      headers: { 'x-api-key': readerOfAB },
    });
    expect(viaHeader.status).toBe(200);
    expect((await requestWithKey(readerOfAB, 'GET', `${hub.url}/offices/${A}`)).status).toBe(200);
  });

  it('limits a key scoped to offices A and B: 403 for office C', async () => {
    for (const office of [A, B]) {
      const path = `/offices/${office}/health`;
      expect((await requestWithKey(readerOfAB, 'GET', `${hub.url}${path}`)).status).toBe(200);
    }
    for (const path of [`/offices/${C}`, `/offices/${C}/health`, `/offices/${C}/performance`]) {
      const { status, body } = await requestWithKey(readerOfAB, 'GET', `${hub.url}${path}`);
      expect([path, status]).toEqual([path, 403]);
      expect(body.message).toBe(`this API key does not cover office "${C}"`);
    }
  });

  it('narrows fleet-wide views to the key, and refuses the ones it cannot narrow', async () => {
    const offices = await requestWithKey(readerOfAB, 'GET', `${hub.url}/offices`);
    expect(offices.body.map((o: { officeId: string }) => o.officeId).sort()).toEqual([A, B]);
    const summary = await requestWithKey(readerOfAB, 'GET', `${hub.url}/health/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.counts.unknown).toBe(2);
    expect(JSON.stringify(summary.body)).not.toContain(C);
    const whole = await request('GET', `${hub.url}/health/summary`);
    expect(whole.body.counts.unknown).toBe(3);
    expect((await requestWithKey(readerOfAB, 'GET', `${hub.url}/metrics`)).status).toBe(403);
  });

  it('checks the office where the route takes it from: an officeId elsewhere vouches for nothing', async () => {
    // The query names a covered office; the body's command is for another one.
    const sneaky = await requestWithKey(
      commanderOfA,
      'POST',
      `${hub.url}/commands?officeId=${A}`,
      createPatientCommand(C, 9),
    );
    expect(sneaky.status).toBe(403);
    expect(sneaky.body.message).toBe(`this API key does not cover office "${C}"`);
    const metrics = await requestWithKey(readerOfAB, 'GET', `${hub.url}/metrics?officeId=${A}`);
    expect(metrics.status).toBe(403);
    const asArray = await requestWithKey(commanderOfA, 'POST', `${hub.url}/commands`, {
      ...createPatientCommand(A, 10),
      officeId: [A, C],
    });
    expect(asArray.status).toBe(400);
  });

  it('needs the scope: a read key cannot command or administer, a command key cannot read', async () => {
    const command = await requestWithKey(
      readerOfAB,
      'POST',
      `${hub.url}/commands`,
      createPatientCommand(A, 1),
    );
    expect(command.status).toBe(403);
    expect(command.body.message).toBe('this API key lacks the "command" scope');
    for (const [method, path] of [
      ['POST', '/monitoring/start'],
      ['POST', `/offices/${A}/connection-test`],
      ['POST', '/api-keys'],
      ['POST', '/offices'],
    ]) {
      const { status } = await requestWithKey(readerOfAB, method, `${hub.url}${path}`, {});
      expect([method, path, status]).toEqual([method, path, 403]);
    }
    const read = await requestWithKey(commanderOfA, 'GET', `${hub.url}/offices/${A}`);
    expect([read.status, read.body.message]).toEqual([403, 'this API key lacks the "read" scope']);
  });

  it('lets a command key of office A command A only, and read only what is its own', async () => {
    const bot = await issue({ name: 'booking bot', scopes: ['command', 'read'], offices: [A] });
    const forA = createPatientCommand(A, 2);
    const sent = await requestWithKey(bot, 'POST', `${hub.url}/commands`, forA);
    expect([sent.status, sent.body.status]).toEqual([202, 'succeeded']);
    const read = await requestWithKey(bot, 'GET', `${hub.url}/commands/${forA.commandId}`);
    expect(read.body.status).toBe('succeeded');
    const forB = createPatientCommand(B, 3);
    expect((await requestWithKey(bot, 'POST', `${hub.url}/commands`, forB)).status).toBe(403);
    // B's outcome, sent by the admin, is not found for the bot: it learns nothing of it.
    expect((await request('POST', `${hub.url}/commands`, forB)).body.status).toBe('succeeded');
    const other = await requestWithKey(bot, 'GET', `${hub.url}/commands/${forB.commandId}`);
    expect(other.status).toBe(404);
  });

  it('lists keys without the keys themselves, and a revoked key stops working', async () => {
    const { body: issued } = await request('POST', `${hub.url}/api-keys`, {
      name: 'short-lived',
      scopes: ['read'],
    });
    expect((await requestWithKey(issued.key, 'GET', `${hub.url}/offices`)).status).toBe(200);
    const listed = await request('GET', `${hub.url}/api-keys`);
    expect(listed.body).toContainEqual(
      expect.objectContaining({ keyId: issued.keyId, name: 'short-lived', offices: null }),
    );
    expect(JSON.stringify(listed.body)).not.toContain(issued.key);
    expect(JSON.stringify(listed.body)).not.toContain(readerOfAB);

    expect((await request('DELETE', `${hub.url}/api-keys/${issued.keyId}`)).status).toBe(204);
    expect((await requestWithKey(issued.key, 'GET', `${hub.url}/offices`)).status).toBe(401);
    // Pasting the key itself instead of its id: not found, and not printed back.
    const pasted = await request('DELETE', `${hub.url}/api-keys/${readerOfAB}`);
    expect(pasted.status).toBe(404);
    expect(JSON.stringify(pasted.body)).not.toContain(readerOfAB);
  });

  it('refuses to issue a key for an unknown office, an unknown scope, or an office-limited admin', async () => {
    const cases: [object, RegExp][] = [
      [
        { name: 'typo', scopes: ['read'], offices: ['no-such-office'] },
        /unknown offices: no-such-office/,
      ],
      [{ name: 'x', scopes: ['root'] }, /scopes/],
      [{ name: 'x', scopes: ['admin'], offices: [A] }, /an admin key covers every office/],
    ];
    for (const [body, reason] of cases) {
      const { status, body: answer } = await request('POST', `${hub.url}/api-keys`, body);
      expect(status).toBe(400);
      expect(JSON.stringify(answer.message)).toMatch(reason);
    }
  });

  it('never prints a key it was given or issued', () => {
    expect(hub.output()).not.toContain(TEST_ADMIN_KEY);
    expect(hub.output()).not.toContain(readerOfAB);
    expect(hub.output()).not.toMatch(/phk_[0-9a-f]{32}_/);
  });
});

describe('the first-start admin key (embedded hub without HUB_ADMIN_API_KEY)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-first-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is issued and printed once, works as admin, and is not printed again on restart', async () => {
    const env = { DATA_DIR: join(dir, 'data'), HUB_ADMIN_API_KEY: '', MONITOR_ENABLED: 'off' };
    const first = await startHubProcess(env);
    let key = '';
    try {
      const printed = first.output().match(/phk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}/g) ?? [];
      expect(printed).toHaveLength(1);
      key = printed[0] ?? '';
      expect(first.output()).toMatch(/master key: .*master\.key \(generated now/);
      expect((await requestWithKey(key, 'GET', `${first.url}/api-keys`)).status).toBe(200);
    } finally {
      await first.kill('SIGTERM');
    }
    const second = await startHubProcess(env);
    try {
      expect(second.output()).not.toMatch(/phk_/);
      expect(second.output()).not.toMatch(/generated now/);
      // Same data directory, same master key: the key printed the first time still works.
      expect((await requestWithKey(key, 'GET', `${second.url}/offices`)).status).toBe(200);
    } finally {
      await second.kill('SIGTERM');
    }
  });
});
