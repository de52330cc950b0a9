import express from 'express';
import { eventually } from '@pms-hub/testing';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import {
  FaultSettings,
  faultControlRoutes,
  faultGate,
  sendThroughFaults,
  SimulatorFaults,
} from './simulator-faults';

const ORDERS = 'POST /api/orders';
const ITEMS = 'GET /api/items';

/** A tiny vendor API on the faults module: one read, one write that records what it did. */
function tinyApp(faults: SimulatorFaults, orders: string[]) {
  const app = express();
  app.get('/api/items', faultGate(faults, ITEMS), (_req, res) =>
    sendThroughFaults(faults, ITEMS, res, 200, { items: ['a'] }),
  );
  app.post('/api/orders', faultGate(faults, ORDERS), express.json(), (req, res) => {
    orders.push(req.body.name);
    return sendThroughFaults(faults, ORDERS, res, 201, { id: orders.length });
  });
  app.use('/_control', faultControlRoutes(faults));
  return app;
}

describe('simulator faults over HTTP', () => {
  let server: Server;
  let url: string;
  const faults = new SimulatorFaults();
  const orders: string[] = [];

  const call = async (method: string, path: string, body?: unknown, signal?: AbortSignal) => {
    const res = await fetch(url + path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await res.text();
    return { status: res.status, text, headers: res.headers };
  };
  const order = () => call('POST', '/api/orders', { name: 'x' });
  const items = () => call('GET', '/api/items');
  const control = (settings: unknown) => call('POST', '/_control/faults', settings);

  beforeAll(async () => {
    server = tinyApp(faults, orders).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    faults.reset();
    orders.length = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers normally without faults', async () => {
    expect(await items()).toMatchObject({ status: 200, text: '{"items":["a"]}' });
    expect(await order()).toMatchObject({ status: 201, text: '{"id":1}' });
  });

  it('answers 503 during an outage, before any work', async () => {
    await control({ outage: true });
    expect((await order()).status).toBe(503);
    expect(orders).toEqual([]);
  });

  it('answers 500 for every request at errorRate 1 and never at 0', async () => {
    faults.set({ errorRate: 1 });
    expect((await items()).status).toBe(500);
    expect((await order()).status).toBe(500);
    expect(orders).toEqual([]);
    faults.set({ errorRate: 0 });
    expect((await items()).status).toBe(200);
  });

  it('rate-limits the next `count` requests with Retry-After, then lets them through', async () => {
    await control({ rateLimit: { retryAfterSeconds: 7, count: 2 } });
    for (const _ of [1, 2]) {
      const limited = await items();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
    }
    expect((await items()).status).toBe(200);
  });

  it('rate-limits until cleared when no count is given', async () => {
    faults.set({ rateLimit: { retryAfterSeconds: 1 } });
    for (const _ of [1, 2, 3]) expect((await items()).status).toBe(429);
    expect((await call('DELETE', '/_control/faults')).status).toBe(204);
    expect((await items()).status).toBe(200);
  });

  it('restarts the rate-limit count when the same settings are assigned again', async () => {
    const settings: FaultSettings = { rateLimit: { retryAfterSeconds: 1, count: 1 } };
    faults.settings = settings;
    expect((await items()).status).toBe(429);
    expect((await items()).status).toBe(200);
    faults.settings = settings;
    expect((await items()).status).toBe(429);
  });

  it('sends a 2xx body that is not JSON after doing the work', async () => {
    faults.set({ malformedJson: true });
    const answer = await order();
    expect(answer.status).toBe(201);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(orders).toEqual(['x']);
  });

  it('holds the answer for latencyMs after the work: a caller that gives up leaves it done', async () => {
    faults.set({ latencyMs: 60_000 });
    const caller = new AbortController();
    const outcome = call('POST', '/api/orders', { name: 'slow' }, caller.signal).then(
      () => 'answered',
      () => 'gave up',
    );
    await eventually('the request to arrive', () => orders.length === 1);
    caller.abort();
    expect(await outcome).toBe('gave up');
    expect(orders).toEqual(['slow']);
  });

  it('draws a latency range uniformly, within its bounds', async () => {
    faults.set({ latency: { minMs: 2, maxMs: 4 } });
    expect((await items()).status).toBe(200);
    const draws = Array.from({ length: 200 }, () => faults.latencyMs());
    expect(draws.every((ms) => ms >= 2 && ms <= 4)).toBe(true);
    expect(draws.some((ms) => ms < 3) && draws.some((ms) => ms > 3)).toBe(true);
  });

  it('hangs requests until the faults are cleared, which drops their connections', async () => {
    faults.set({ hang: true });
    const hung = order().then(
      () => 'answered',
      () => 'connection dropped',
    );
    await eventually('the request to arrive', () => faults.requestCounts.get(ORDERS) === 1);
    faults.reset();
    expect(await hung).toBe('connection dropped');
    expect(orders).toEqual([]);
  });

  it('lets a server with a hung request close through closeAllConnections', async () => {
    const own = new SimulatorFaults();
    const other = tinyApp(own, []).listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    own.set({ hang: true });
    const port = (other.address() as AddressInfo).port;
    const hung = fetch(`http://127.0.0.1:${port}/api/items`).then(
      () => 'answered',
      () => 'connection dropped',
    );
    await eventually('the request to arrive', () => own.requestCounts.get(ITEMS) === 1);
    const closed = new Promise((resolve) => other.close(resolve));
    other.closeAllConnections();
    await closed;
    expect(await hung).toBe('connection dropped');
  });

  it('faults only the routes named', async () => {
    await control({ outage: true, routes: [ORDERS] });
    expect((await order()).status).toBe(503);
    expect((await items()).status).toBe(200);
  });

  it('counts every request per declared route, refused ones included, never control calls', async () => {
    await items();
    await control({ outage: true });
    await order();
    await order();
    const counts = await call('GET', '/_control/requests');
    expect(JSON.parse(counts.text)).toEqual({ [ITEMS]: 1, [ORDERS]: 2 });
  });

  it('never faults the control routes', async () => {
    faults.set({ hang: true });
    expect((await call('GET', '/_control/faults')).text).toBe('{"hang":true}');
    expect((await control({})).status).toBe(200);
    expect((await items()).status).toBe(200);
  });

  it.each([
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ latency: { minMs: 10, maxMs: 5 } }, 'latency.maxMs'],
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ outage: 'yes' }, 'outage'],
    [{ rateLimit: { retryAfterSeconds: 1.5 } }, 'rateLimit.retryAfterSeconds'],
    [{ rateLimit: { retryAfterSeconds: 1, count: 0 } }, 'rateLimit.count'],
    [{ routes: ['POST /api/order'] }, 'routes[0]'],
    [{ routes: 'POST /api/orders' }, 'routes'],
    [{ outtage: true }, 'outtage'],
    [[], 'faults'],
  ])('refuses %j with 400 naming %s, keeping the faults', async (settings, field) => {
    faults.set({ latencyMs: 1 });
    const refused = await control(settings);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toEqual({
      field,
      error: expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} `)),
    });
    expect(faults.settings).toEqual({ latencyMs: 1 });
  });

  it('refuses invalid typed settings in set()', () => {
    expect(() => faults.set({ errorRate: -0.1 })).toThrow('errorRate must be a number from 0 to 1');
  });
});
