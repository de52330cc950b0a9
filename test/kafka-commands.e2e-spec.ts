import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { createEventStore } from '@pms-hub/event-store';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { bookAppointmentCommand, createPatientCommand, distinctSlots } from './support/commands';
import { HubProcess, startHubProcess } from './support/hub-process';
import { consumeAll, createTopics, kafkaBrokers, readWholeTopic } from './support/kafka';
import { TEST_CREDENTIALS, writeOfficesFile } from './support/offices-file';

type Command = { commandId: string; officeId: string; type: string };
type Consumed = Awaited<ReturnType<typeof consumeAll>>[number];
type Messages = readonly Consumed[];

const COMMAND_STREAMS = ['booking-', 'patient-registration-'];
const OFFICES = ['office-a', 'office-b', 'office-c', 'office-d', 'office-e', 'office-f'];
const CREATE_PATIENT = 'POST /api/patients';
const BOOK = 'POST /api/appointments';

// Above every wait inside the tests, so a failure reports what it waited for, not a bare timeout.
jest.setTimeout(180_000);

describe('Kafka intake, dead letters and publication (real Apache Kafka broker, real hub processes)', () => {
  const brokers = kafkaBrokers();
  let simulator: RunningDentrixSimulator;
  let dir: string;
  let producer: Producer;
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-kafka-'));
    simulator = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    producer = new Kafka({ brokers, logLevel: logLevel.ERROR }).producer();
    await producer.connect();
  });
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((hub) => hub.kill('SIGKILL')));
  });
  afterAll(async () => {
    await producer.disconnect();
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each test gets its own topics (prefix), consumer group and store. */
  function scenario(name: string) {
    const prefix = `t${randomUUID().slice(0, 8)}-${name}.`;
    const dataDir = join(dir, prefix);
    simulator.state.reset();
    const env = (extra: Record<string, string> = {}) => ({
      DATA_DIR: dataDir,
      OFFICES_FILE: writeOfficesFile(dir, OFFICES, simulator.url),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: `${prefix}hub`,
      KAFKA_COMMAND_PARTITIONS: '3',
      KAFKA_OUTPUT_PARTITIONS: '3',
      // These suites are about commands: health checks would add their own events.
      MONITOR_ENABLED: 'off',
      ...extra,
    });
    const topic = (name: string) => `${prefix}pms.${name}`;
    // Created as the hub would, so commands can wait on the broker before any hub runs.
    const commandTopicsReady = createTopics(
      brokers,
      ['create-patient', 'book-appointment'].map((t) => ({
        topic: topic(`commands.${t}`),
        numPartitions: 3,
      })),
    );
    return {
      topic,
      async startHub(extra?: Record<string, string>) {
        const hub = await startHubProcess(env(extra));
        hubs.push(hub);
        return hub;
      },
      async produce(commands: readonly object[], headers: Record<string, string> = {}) {
        await commandTopicsReady;
        for (const type of ['CreatePatient', 'BookAppointment']) {
          const messages = (commands as Command[])
            .filter((c) => c.type === type)
            .map((c) => ({ key: c.officeId, value: JSON.stringify(c), headers }));
          const kebab = type === 'CreatePatient' ? 'create-patient' : 'book-appointment';
          if (messages.length) await producer.send({ topic: topic(`commands.${kebab}`), messages });
        }
      },
      results: (until: (messages: Messages) => boolean) =>
        consumeAll(brokers, topic('command-results'), { until, timeoutMs: 90000 }),
      /** Every event the store holds (or those of some streams), read after the hubs stopped. */
      async storedEventIds(streamPrefixes?: readonly string[]): Promise<string[]> {
        const { store } = createEventStore({
          kind: 'embedded',
          path: join(dataDir, 'events.sqlite'),
        });
        try {
          return (await store.readAll({ filter: { streamPrefixes } })).map((e) => e.id);
        } finally {
          await store.close();
        }
      },
      async publishedEvents(expectedIds: readonly string[]): Promise<Consumed[]> {
        return consumeAll(brokers, topic('events'), {
          until: (messages) => {
            const ids = new Set(messages.map((m) => m.headers['event-id']));
            return expectedIds.every((id) => ids.has(id));
          },
          timeoutMs: 60000,
        });
      },
    };
  }

  const distinctCommandIds = (messages: Messages) => new Set(messages.map((m) => m.key));
  const seededPatients = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        simulator.state.addPatient({
          FirstName: `Seed${i}`,
          LastName: 'Patient',
          DateOfBirth: '1970-01-01',
        }).PatientID,
    );
  const calls = (route: string) => simulator.state.requestCounts.get(route) ?? 0;

  function mixedCommands(creates: number, bookings: number): Command[] {
    const patients = seededPatients(bookings);
    const slots = distinctSlots(['DTX-D-01', 'DTX-D-02']);
    return [
      ...Array.from({ length: creates }, (_, i) =>
        createPatientCommand(OFFICES[i % OFFICES.length], i),
      ),
      ...patients.map((patientId, i) =>
        bookAppointmentCommand(OFFICES[i % OFFICES.length], patientId, slots.next().value!),
      ),
    ];
  }

  /**
   * Every event of the commands' streams reached pms.events. (Facts the hub appends while it
   * shuts down, such as its last traffic rollup, go out when it next starts.)
   */
  async function expectEveryEventPublished(s: ReturnType<typeof scenario>) {
    const stored = await s.storedEventIds(COMMAND_STREAMS);
    const published = await s.publishedEvents(stored);
    const publishedIds = new Set(published.map((m) => m.headers['event-id']));
    expect(stored.filter((id) => !publishedIds.has(id))).toEqual([]);
    for (const message of published) {
      expect(message.headers).toMatchObject({
        'event-id': expect.any(String),
        'event-type': expect.any(String),
        stream: expect.any(String),
        'correlation-id': expect.any(String),
      });
    }
    return stored;
  }

  it('carries out 200 commands once each, answers each once and publishes every stored event', async () => {
    const s = scenario('two-hundred');
    const commands = mixedCommands(100, 100);
    await s.produce(commands);
    await s.startHub();

    await s.results((m) => distinctCommandIds(m).size >= 200);
    const results = await readWholeTopic(brokers, s.topic('command-results'));
    expect(results).toHaveLength(200);
    expect(distinctCommandIds(results)).toEqual(new Set(commands.map((c) => c.commandId)));
    for (const result of results) {
      expect(JSON.parse(result.value!)).toMatchObject({
        commandId: result.key,
        status: 'succeeded',
      });
    }
    expect(calls(CREATE_PATIENT)).toBe(100);
    expect(calls(BOOK)).toBe(100);

    await hubs[0].kill('SIGTERM');
    await expectEveryEventPublished(s);
    // Two events per command; PMS traffic rollups are stored and published too, besides these.
    const commandEvents = await s.storedEventIds(COMMAND_STREAMS);
    expect(commandEvents).toHaveLength(400);
  });

  it('calls the PMS once for a command delivered twice, and answers the duplicate with the same outcome', async () => {
    const s = scenario('duplicates');
    const commands = mixedCommands(10, 10);
    await s.produce(commands);
    await s.produce(commands);
    await s.startHub();

    await s.results((m) => m.length >= 40);
    const results = await readWholeTopic(brokers, s.topic('command-results'));
    expect(results).toHaveLength(40);
    for (const command of commands) {
      const answers = results
        .filter((r) => r.key === command.commandId)
        .map((r) => JSON.parse(r.value!));
      expect(answers).toHaveLength(2);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[0].status).toBe('succeeded');
    }
    expect(calls(CREATE_PATIENT)).toBe(10);
    expect(calls(BOOK)).toBe(10);
  });

  it('loses nothing and books nothing twice when a hub is SIGKILLed mid-batch', async () => {
    const s = scenario('sigkill');
    const commands = mixedCommands(40, 80);
    const patientsBefore = simulator.state.patients.size;
    await s.produce(commands);
    // Slow PMS answers widen the window in which the kill lands between a call and its append.
    simulator.state.faults.set({ latencyMs: 20, outage: false });
    const first = await s.startHub();
    await s.results((m) => m.length >= 25);
    await first.kill('SIGKILL');
    simulator.state.faults.set({ latencyMs: 0, outage: false });

    // The killed hub's calls are over: no need to wait the default 15 s before reconciling.
    await s.startHub({ RECONCILE_AFTER_MS: '1000' });
    const results = await s.results((m) => distinctCommandIds(m).size >= commands.length);
    expect(distinctCommandIds(results)).toEqual(new Set(commands.map((c) => c.commandId)));
    expect(simulator.state.appointments.size).toBe(80);
    expect(calls(BOOK)).toBe(80);
    expect(simulator.state.patients.size).toBe(patientsBefore + 40);
    await hubs[1].kill('SIGTERM');
    await expectEveryEventPublished(s);
  });

  it('shares the partitions between two hubs in one group, each command handled once', async () => {
    const s = scenario('two-hubs');
    // One store, two instances: each keeps its own read models.
    const one = await s.startHub({ HUB_INSTANCE_ID: 'hub-1' });
    const two = await s.startHub({ HUB_INSTANCE_ID: 'hub-2', HUB_FORWARDER: 'off' });
    const commands = mixedCommands(30, 30);
    await s.produce(commands);

    await s.results((m) => distinctCommandIds(m).size >= 60);
    const results = await readWholeTopic(brokers, s.topic('command-results'));
    expect(results).toHaveLength(60);
    expect(calls(CREATE_PATIENT)).toBe(30);
    expect(calls(BOOK)).toBe(30);
    for (const hub of [one, two]) {
      const assignments = [...hub.output().matchAll(/joined \S+: (\{.*\})/g)].map((m) => m[1]);
      const last = JSON.parse(assignments[assignments.length - 1]);
      const partitions = Object.values(last as Record<string, number[]>).flat();
      expect(partitions.length).toBeGreaterThan(0);
    }
  });

  it('dead-letters every kind of bad input with its reason, and goes on with the valid command behind', async () => {
    const s = scenario('dead-letters');
    await s.startHub({ KAFKA_MAX_COMMAND_BYTES: '4096' });
    const good = createPatientCommand('office-a', 1);
    const source = (topic: string) => s.topic(topic.replace('pms.', ''));
    const bad: [string, string | null, RegExp][] = [
      ['pms.commands.create-patient', '{"commandId": ', /not valid JSON/],
      [
        'pms.commands.create-patient',
        JSON.stringify({ type: 'CreatePatient' }),
        /commandId must be a UUID/,
      ],
      [
        'pms.commands.create-patient',
        JSON.stringify({
          ...good,
          commandId: randomUUID(),
          payload: { ...good.payload, dateOfBirth: 'yesterday' },
        }),
        /payload.dateOfBirth/,
      ],
      [
        'pms.commands.create-patient',
        JSON.stringify({ ...good, commandId: randomUUID(), type: 'DeletePatient' }),
        /type must be one of/,
      ],
      [
        'pms.commands.book-appointment',
        JSON.stringify({ ...good, commandId: randomUUID() }),
        /does not belong on topic/,
      ],
      [
        'pms.commands.create-patient',
        JSON.stringify({ ...good, commandId: randomUUID(), officeId: 'nowhere' }),
        /unknown office "nowhere"/,
      ],
      [
        'pms.commands.create-patient',
        JSON.stringify({ ...good, padding: 'x'.repeat(5000) }),
        /value too large/,
      ],
      // Near the broker's 1 MB limit: its dead letter, with the added headers, must still fit.
      [
        'pms.commands.create-patient',
        JSON.stringify({ ...good, padding: 'x'.repeat(1_000_000) }),
        /value too large: \d+ bytes, at most 4096/,
      ],
      ['pms.commands.create-patient', `${'{"a":'.repeat(500)}1${'}'.repeat(500)}`, /nests deeper/],
      ['pms.commands.create-patient', null, /value is empty/],
    ];
    for (const [topic, value] of bad) {
      await producer.send({
        topic: source(topic),
        messages: [{ key: 'office-a', value, headers: { trace: 'kept' } }],
      });
    }
    await s.produce([good]);

    const letters = await consumeAll(brokers, s.topic('commands.dlq'), {
      until: (m) => m.length >= bad.length,
      timeoutMs: 60000,
    });
    expect(letters).toHaveLength(bad.length);
    bad.forEach(([topic, value, reason]) => {
      const letter = letters.find(
        (l) => l.value === value && l.headers['dlq-source-topic'] === source(topic),
      )!;
      expect(letter).toBeDefined();
      expect(letter.key).toBe('office-a');
      expect(letter.headers).toMatchObject({
        trace: 'kept',
        'dlq-reason': expect.stringMatching(reason),
        'dlq-source-partition': expect.stringMatching(/^\d+$/),
        'dlq-source-offset': expect.stringMatching(/^\d+$/),
        'dlq-failed-at': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      // Reasons name rules and fields, never what the sender wrote.
      expect(letter.headers['dlq-reason']).not.toMatch(/First1|yesterday|xxxx/);
    });
    const results = await s.results((m) => m.some((r) => r.key === good.commandId));
    expect(JSON.parse(results.find((r) => r.key === good.commandId)!.value!).status).toBe(
      'succeeded',
    );
    expect(calls(CREATE_PATIENT)).toBe(1);
  });

  it('holds only its own partition while a command waits for a PMS that cannot be searched', async () => {
    const s = scenario('head-of-line');
    const down = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    try {
      down.state.faults.set({ outage: true });
      await s.startHub({
        OFFICES_FILE: writeOfficesFile(dir, { 'office-down': down.url, 'office-a': simulator.url }),
        RECONCILE_AFTER_MS: '500',
      });
      const stuck = bookAppointmentCommand('office-down', 'DTX-P-000001', {
        providerId: 'DTX-D-01',
        start: '2030-01-14T09:00:00Z',
      });
      await s.produce([stuck]);
      // The stuck booking is on another topic-partition: the hub must not wait for it.
      const others = Array.from({ length: 5 }, (_, i) => createPatientCommand('office-a', 100 + i));
      await s.produce(others);
      const results = await s.results((m) =>
        others.every((c) => m.some((r) => r.key === c.commandId)),
      );
      expect(results.some((r) => r.key === stuck.commandId)).toBe(false);

      down.state.faults.reset();
      const later = await s.results((m) => m.some((r) => r.key === stuck.commandId));
      // The outage refused the booking before any work: depending on when the PMS came back, the
      // hub either books it after a search found nothing, or fails it after a search found nothing.
      const outcome = JSON.parse(later.find((r) => r.key === stuck.commandId)!.value!);
      expect(['succeeded', 'failed']).toContain(outcome.status);
      expect(down.state.appointments.size).toBe(outcome.status === 'succeeded' ? 1 : 0);
    } finally {
      await down.close();
    }
  });
});
