/**
 * Kafka round trip, bare kafkajs against the hub, on one real broker.
 *
 *   npm run bench      (builds bench/ with the hub into .tmp/bench-build, then runs it, at the repo root)
 *
 * Baseline: a requester produces a CreatePatient-sized JSON message keyed by office to one topic; a
 * responder (a child process) consumes it and produces a reply keyed by the request id to another.
 * Hub: the same through a hub process in Kafka mode, from pms.commands.create-patient to
 * pms.command-results, with an in-process Dentrix simulator as the PMS.
 * Each side: BENCH_N sequential round trips after BENCH_WARMUP, then a burst of BENCH_BURST sent at
 * once. The broker is KAFKA_BROKERS if set, else one started (and stopped) with test/infra/kafka.sh.
 */
import { ChildProcess, execFile, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Consumer, Kafka, Producer, logLevel } from 'kafkajs';
import { startDentrixSimulator } from '@pms-hub/pms-simulators';
import { eventually } from '@pms-hub/testing';
import { createPatientCommand } from '../test/support/commands';
import { HubProcess, startHubProcess } from '../test/support/hub-process';
import { createTopics } from '../test/support/kafka';
import { TEST_CREDENTIALS, writeOfficesFile } from '../test/support/offices-file';

const N = size('BENCH_N', 200);
const WARMUP = size('BENCH_WARMUP', 20);
const BURST = size('BENCH_BURST', 500);
const PARTITIONS = 6; // the hub's default for command and output topics
const CONCURRENCY = 3; // partitions consumed concurrently: the hub's default, used on both sides
const OFFICES = ['office-a', 'office-b', 'office-c', 'office-d', 'office-e', 'office-f'];
const REPLY_TIMEOUT_MS = 60000;
// Compiled to <out>/bench/, next to <out>/apps/hub/src/main.js. npm runs scripts at the repo root.
const HUB_MAIN = join(__dirname, '..', 'apps', 'hub', 'src', 'main.js');
const KAFKA_SH = join(process.cwd(), 'test', 'infra', 'kafka.sh');

type Command = ReturnType<typeof createPatientCommand>;
interface Measured {
  /** Sorted, in ms. */
  readonly latencies: number[];
  readonly burstMs: number;
}

const client = (brokers: string[], clientId: string, level = logLevel.ERROR) =>
  new Kafka({ clientId, brokers, logLevel: level });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.error(`[bench] ${message}`);

/** Undone in reverse order, once each: at the end of their phase, of main, or on Ctrl-C. */
const cleanups: (() => Promise<unknown> | void)[] = [];
let cleaning = Promise.resolve();
function cleanUp(keep = 0): Promise<void> {
  // Chained: a Ctrl-C during a phase's cleanup waits for it, then undoes the rest.
  cleaning = cleaning.then(async () => {
    while (cleanups.length > keep) {
      await Promise.resolve()
        .then(cleanups.pop())
        .catch((error: Error) => log(`cleanup: ${error.message}`));
    }
  });
  return cleaning;
}

/** Runs a phase, then undoes what it set up. */
async function phase<T>(run: () => Promise<T>): Promise<T> {
  const keep = cleanups.length;
  try {
    return await run();
  } finally {
    await cleanUp(keep);
  }
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-bench-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const brokers = process.env.KAFKA_BROKERS
    ? process.env.KAFKA_BROKERS.split(',')
        .map((broker) => broker.trim())
        .filter(Boolean)
    : await startBroker(join(dir, 'kafka'));
  await warmUpBroker(brokers);

  // A fresh broker's JVM is still compiling its hot paths: a first pass measured ~35% slower.
  log('warming the broker up: one baseline pass, not measured');
  await phase(() => measureBaseline(brokers));
  log(`baseline: ${WARMUP} + ${N} sequential, then a burst of ${BURST}`);
  const baseline = await phase(() => measureBaseline(brokers));
  log(`hub: ${WARMUP} + ${N} sequential, then a burst of ${BURST}`);
  const { measured: hub, httpCalls } = await phase(() => measureHub(brokers, dir));
  report(brokers, baseline, hub, httpCalls);
}

async function startBroker(workdir: string): Promise<string[]> {
  if (!existsSync(KAFKA_SH)) throw new Error(`${KAFKA_SH} not found: run from the repo root`);
  log(`starting a Kafka broker (${KAFKA_SH})`);
  mkdirSync(workdir, { recursive: true });
  // Its watchdog stops the broker if this process dies without cleaning up.
  const env = { ...process.env, PMS_HUB_KAFKA_OWNER_PID: String(process.pid) };
  const { stdout } = await promisify(execFile)('bash', [KAFKA_SH, 'start', workdir], { env });
  cleanups.push(() => promisify(execFile)('bash', [KAFKA_SH, 'stop', workdir]));
  return [stdout.trim().split('\n').pop()!];
}

/** A new broker's first group and producer id cost seconds and log errors: not measured here. */
async function warmUpBroker(brokers: string[]): Promise<void> {
  const kafka = client(brokers, 'bench-warm-up', logLevel.NOTHING);
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.describeGroups(['pms-hub-bench-warm-up']);
  await Promise.all([admin.disconnect(), producer.disconnect()]);
}

/** A unique topic prefix; its topics are deleted after the phase (KAFKA_BROKERS outlives us). */
function topicPrefix(brokers: string[]): string {
  const prefix = `bench-${randomUUID().slice(0, 8)}.`;
  cleanups.push(async () => {
    const admin = client(brokers, 'bench-cleanup').admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
      await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  });
  return prefix;
}

async function measureBaseline(brokers: string[]): Promise<Measured> {
  const prefix = topicPrefix(brokers);
  const [requests, replies] = [`${prefix}requests`, `${prefix}replies`];
  await createTopics(brokers, [
    { topic: requests, numPartitions: PARTITIONS },
    { topic: replies, numPartitions: PARTITIONS },
  ]);
  const responder = await startResponder(brokers, requests, replies);
  cleanups.push(async () => {
    const exited = new Promise((resolve) => responder.once('exit', resolve));
    if (responder.exitCode === null && responder.kill('SIGTERM')) await exited;
  });
  const requester = await Requester.start(brokers, requests, replies);
  cleanups.push(() => requester.stop());
  return roundTrips(requester);
}

function startResponder(brokers: string[], requests: string, replies: string) {
  const child = fork(__filename, ['responder', brokers.join(','), requests, replies]);
  return new Promise<ChildProcess>((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the responder exited with ${code}`)));
  });
}

/** The baseline's other side: a plain consumer that answers each request with a reply. */
async function respond(brokers: string[], requests: string, replies: string): Promise<void> {
  const kafka = client(brokers, 'bench-responder');
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `${requests}.responder` });
  await Promise.all([producer.connect(), consumer.connect()]);
  process.once('disconnect', () => process.exit(0)); // the bench died
  process.once('SIGTERM', async () => {
    await consumer.disconnect();
    await producer.disconnect();
    process.exit(0);
  });
  consumer.on(consumer.events.GROUP_JOIN, () => process.send!('ready'));
  await consumer.subscribe({ topic: requests, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: CONCURRENCY,
    eachMessage: async ({ message }) => {
      const { commandId, type, officeId } = JSON.parse(message.value!.toString()) as Command;
      const reply = {
        commandId,
        type,
        officeId,
        status: 'succeeded',
        result: { patientId: 'DTX-P-000001' }, // the size of the hub's
      };
      await producer.send({
        topic: replies,
        messages: [{ key: commandId, value: JSON.stringify(reply) }],
      });
    },
  });
}

async function measureHub(brokers: string[], dir: string) {
  const simulator = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
  cleanups.push(() => simulator.close());
  const prefix = topicPrefix(brokers);
  const hub = await startHubProcess(
    {
      DATA_DIR: join(dir, 'hub-data'),
      OFFICES_FILE: writeOfficesFile(dir, OFFICES, simulator.url),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: `${prefix}hub`,
      KAFKA_COMMAND_PARTITIONS: String(PARTITIONS),
      KAFKA_OUTPUT_PARTITIONS: String(PARTITIONS),
      KAFKA_PARTITIONS_CONCURRENTLY: String(CONCURRENCY),
    },
    [process.execPath, HUB_MAIN],
  );
  cleanups.push(() => stopHub(hub));
  try {
    await eventually(
      'the hub to join its consumer group',
      () => /joined \S+: /.test(hub.output()),
      { timeoutMs: REPLY_TIMEOUT_MS, everyMs: 50 },
    );
    const requester = await Requester.start(
      brokers,
      `${prefix}pms.commands.create-patient`,
      `${prefix}pms.command-results`,
    );
    cleanups.push(() => requester.stop());
    const measured = await roundTrips(requester);
    if (requester.notSucceeded > 0) log(`hub: ${requester.notSucceeded} results not succeeded`);
    const commands = WARMUP + N + BURST;
    const calls = [...simulator.state.requestCounts].map(
      ([route, n]) => `${route} ×${+(n / commands).toFixed(2)}`,
    );
    return { measured, httpCalls: calls.join(', ') };
  } catch (error) {
    log(`hub output:\n${hub.output()}`);
    throw error;
  }
}

async function stopHub(hub: HubProcess): Promise<void> {
  const killed = hub.kill('SIGTERM');
  if ((await Promise.race([killed, sleep(20000).then(() => 'late')])) === 'late') {
    log('the hub ignored SIGTERM for 20 s: SIGKILL');
    await hub.kill('SIGKILL');
  }
}

/** Produces commands keyed by office and waits for the replies keyed by their commandId. */
class Requester {
  private readonly waiting = new Map<string, () => void>();
  notSucceeded = 0;

  private constructor(
    private readonly producer: Producer,
    private readonly consumer: Consumer,
    private readonly topic: string,
  ) {}

  static async start(brokers: string[], topic: string, replyTopic: string): Promise<Requester> {
    const kafka = client(brokers, 'bench-requester');
    const consumer = kafka.consumer({ groupId: `${replyTopic}.bench`, maxWaitTimeInMs: 500 });
    const requester = new Requester(kafka.producer(), consumer, topic);
    await Promise.all([requester.producer.connect(), consumer.connect()]);
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.subscribe({ topic: replyTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        const resolve = requester.waiting.get(key);
        if (!resolve) return; // e.g. a result published twice
        requester.waiting.delete(key);
        if (JSON.parse(message.value!.toString()).status !== 'succeeded') requester.notSucceeded++;
        resolve();
      },
    });
    await joined;
    return requester;
  }

  /** Resolves when every command has its reply. */
  async send(commands: readonly Command[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const replies = commands.map(
      ({ commandId }) => new Promise<void>((resolve) => this.waiting.set(commandId, resolve)),
    );
    const timeout = new Promise<never>((_, reject) => {
      const late = () => new Error(`${this.waiting.size} replies missing after 60 s`);
      timer = setTimeout(() => reject(late()), REPLY_TIMEOUT_MS);
    });
    try {
      await this.producer.send({
        topic: this.topic,
        messages: commands.map((c) => ({ key: c.officeId, value: JSON.stringify(c) })),
      });
      await Promise.race([Promise.all(replies), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.consumer.disconnect(), this.producer.disconnect()]);
  }
}

async function roundTrips(requester: Requester): Promise<Measured> {
  const command = (n: number) => createPatientCommand(OFFICES[n % OFFICES.length], n);
  const latencies: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const start = performance.now();
    await requester.send([command(i)]);
    if (i >= WARMUP) latencies.push(performance.now() - start);
  }
  const burst = Array.from({ length: BURST }, (_, i) => command(WARMUP + N + i));
  const start = performance.now();
  await requester.send(burst);
  return { latencies: latencies.sort((a, b) => a - b), burstMs: performance.now() - start };
}

/** Nearest rank. */
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

function report(brokers: string[], baseline: Measured, hub: Measured, httpCalls: string): void {
  const perSecond = (m: Measured) => (BURST / m.burstMs) * 1000;
  const cells = (...values: string[]) => values.map((value) => value.padStart(10)).join('');
  const row = (label: string, b: number, h: number, ratio = '') =>
    `${label.padEnd(32)}${cells(b.toFixed(1), h.toFixed(1))}  ${ratio}`.trimEnd();
  const latency = (label: string, p: number) => {
    const [b, h] = [percentile(baseline.latencies, p), percentile(hub.latencies, p)];
    return row(`latency ${label} (ms)`, b, h, `${(h / b).toFixed(1)}x hub/baseline`);
  };
  const [bRate, hRate] = [perSecond(baseline), perSecond(hub)];
  console.log(
    [
      '',
      `Kafka round trip on ${brokers.join(',')}: ${N} sequential after ${WARMUP} warm-up, then a ` +
        `burst of ${BURST} sent at once.`,
      `${PARTITIONS} partitions per topic, ${OFFICES.length} offices as keys, ${CONCURRENCY} ` +
        'partitions consumed concurrently on both sides.',
      '',
      `${''.padEnd(32)}${cells('baseline', 'hub')}  ratio`,
      latency('median', 50),
      latency('p95', 95),
      latency('p99', 99),
      row(`burst of ${BURST}, all replies (ms)`, baseline.burstMs, hub.burstMs),
      row('burst throughput (msg/s)', bRate, hRate, `${(bRate / hRate).toFixed(1)}x baseline/hub`),
      '',
      'Per command the hub also does, before the result is on pms.command-results (the baseline',
      'responder only parses the request and produces its reply):',
      "  - validates the envelope, reads the command's stream from SQLite",
      `  - HTTP calls to the simulator: ${httpCalls}`,
      "  - 2 fsync'd SQLite appends (PatientCreationRequested, PatientCreated)",
      "  - the forwarder's publishes: both events to pms.events, the outcome to pms.command-results",
      '    (idempotent producer, acks=all, one request in flight)',
      '  and it commits each offset by hand (the baseline: kafkajs autocommit).',
      '',
    ].join('\n'),
  );
}

function size(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

if (process.argv[2] === 'responder') {
  const [brokers, requests, replies] = process.argv.slice(3);
  respond(brokers.split(','), requests, replies).catch((error: Error) => {
    console.error(`responder: ${error.message}`);
    process.exit(1);
  });
} else {
  main()
    .catch((error: Error) => {
      console.error(`bench failed: ${error.stack ?? error.message}`);
      process.exitCode = 1;
    })
    .finally(() => cleanUp());
}
