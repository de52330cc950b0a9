import net, { AddressInfo } from 'node:net';
import { kafkaBrokers } from '../../../../test/support/kafka';
import { KafkaConfig } from './kafka.config';
import { KafkaProbe, createKafkaProbe } from './kafka.probe';

const config = (brokers: readonly string[]): KafkaConfig => ({
  brokers,
  clientId: 'pms-hub-probe-test',
  groupId: 'pms-hub-probe-test',
  topicPrefix: '',
  commandPartitions: 1,
  outputPartitions: 1,
  replicationFactor: 1,
  maxCommandBytes: 64 * 1024,
  partitionsConsumedConcurrently: 1,
});

function listen(server: net.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A loopback port nothing listens on: opened, noted and closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await close(server);
  return port;
}

/** How long `promise` took to settle, and its rejection (undefined when it resolved). */
async function timed(promise: Promise<void>): Promise<{ ms: number; error?: Error }> {
  const start = Date.now();
  try {
    await promise;
    return { ms: Date.now() - start };
  } catch (error) {
    return { ms: Date.now() - start, error: error as Error };
  }
}

describe('KafkaProbe (real Apache Kafka broker started by jest globalSetup)', () => {
  const brokers = kafkaBrokers();
  const probes: KafkaProbe[] = [];
  const sockets = new Set<net.Socket>();
  const servers: net.Server[] = [];
  const probe = (list: readonly string[]) => {
    const created = createKafkaProbe(config(list));
    probes.push(created);
    return created;
  };

  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.close()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await Promise.all(servers.splice(0).map(close));
  });

  it('resolves against the real broker, again on the same connection', async () => {
    const kafka = probe(brokers);
    await expect(kafka.check(3000)).resolves.toBeUndefined();
    await expect(kafka.check(3000)).resolves.toBeUndefined();
  });

  it('rejects with a clear error, within the timeout, when nothing listens on the port', async () => {
    const port = await closedPort();
    const { ms, error } = await timed(probe([`127.0.0.1:${port}`]).check(3000));
    expect(error?.message).toMatch(
      new RegExp(`^kafka brokers 127\\.0\\.0\\.1:${port} did not answer: .*ECONNREFUSED`),
    );
    expect(ms).toBeLessThan(3000);
  });

  it('rejects after timeoutMs when the broker accepts but never answers', async () => {
    const silent = net.createServer((socket) => sockets.add(socket));
    servers.push(silent);
    const port = await listen(silent);
    const { ms, error } = await timed(probe([`127.0.0.1:${port}`]).check(500));
    expect(error?.message).toBe(`kafka brokers 127.0.0.1:${port} did not answer within 500 ms`);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(1500);
  });

  it('connects afresh on the next check once a broker answers after a failure', async () => {
    const port = await closedPort();
    const kafka = probe([`127.0.0.1:${port}`]);
    await expect(kafka.check(3000)).rejects.toThrow(/ECONNREFUSED/);

    // The same address now leads to the real broker (it bootstraps there; metadata names the rest).
    const [host, brokerPort] = brokers[0].split(':');
    const relay = net.createServer((socket) => {
      sockets.add(socket);
      const upstream = net.connect(Number(brokerPort), host);
      sockets.add(upstream);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    servers.push(relay);
    await listen(relay, port);
    await expect(kafka.check(3000)).resolves.toBeUndefined();
  });

  it('rejects checks once closed', async () => {
    const kafka = probe(brokers);
    await kafka.check(3000);
    await kafka.close();
    await expect(kafka.check(3000)).rejects.toThrow(/kafka probe for .* is closed/);
  });
});
