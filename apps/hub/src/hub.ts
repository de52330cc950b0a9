import { join } from 'node:path';
import { INestApplication, LogLevel, Logger, ValidationPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createEventStore } from '@pms-hub/event-store';
import { AppModule } from './app.module';
import { CommandErrorsFilter } from './commands/command-errors.filter';
import { jsonBody, jsonBodyErrors } from './commands/json-body.middleware';
import { PmsProcessRunner } from './commands/pms-process.runner';
import { HubConfig, OfficeConfig } from './config/hub.config';
import { OfficeHealthProjection } from './health/office-health.projection';
import { kafkaMode } from './kafka/kafka-mode';
import { MonitorService } from './monitor/monitor.service';
import { CountingEventStore } from './metrics/counting.event-store';
import { HubMetrics } from './metrics/hub.metrics';
import { startDemoOffices } from './offices/demo-offices';
import { OfficeDirectory } from './offices/office-directory';
import { PmsErrorFilter } from './offices/pms-error.filter';
import { resilientAdapters } from './offices/resilient-adapters';
import { CircuitChangeRelay } from './record-circuit-change/circuit-change.relay';
import { RecordCircuitChangeCommand } from './record-circuit-change/record-circuit-change.command';
import { OfficePerformanceProjection } from './traffic/office-performance.projection';
import { TrafficRecorder } from './traffic/traffic.recorder';

export interface RunningHub {
  readonly app: INestApplication;
  readonly url: string;
  /** What the hub runs on, for the start-up banner: no secrets. */
  readonly summary: readonly string[];
  close(): Promise<void>;
}

export async function startHub(
  config: HubConfig,
  logger: LogLevel[] | false = ['log', 'warn', 'error'],
): Promise<RunningHub> {
  const metrics = new HubMetrics();
  const { store: uncounted, checkpoints } = config.eventStoreConnectionString
    ? createEventStore({
        kind: 'eventstoredb',
        connectionString: config.eventStoreConnectionString,
      })
    : createEventStore({ kind: 'embedded', path: join(config.dataDir, 'events.sqlite') });
  const store = new CountingEventStore(uncounted, metrics);
  const demo = config.offices ? undefined : await startDemoOffices();
  const offices: readonly OfficeConfig[] = config.offices ?? demo?.offices ?? [];
  const circuitChanges = new CircuitChangeRelay((error) =>
    new Logger('pms-circuit').error(`a circuit change was not recorded: ${error.message}`),
  );
  const traffic = new TrafficRecorder(store, config.trafficRollupMs, (error) =>
    new Logger('office-traffic').error(error.message),
  );
  const directory = new OfficeDirectory(
    offices,
    resilientAdapters(config.resilience, circuitChanges, metrics, traffic),
  );
  const kafka = config.kafka && kafkaMode(config.kafka, store, checkpoints, config.forwarder);

  const app = await NestFactory.create(
    AppModule.register({
      config,
      offices: directory,
      officeIds: offices.map(({ officeId }) => officeId),
      store,
      metrics,
      kafka: kafka !== undefined,
    }),
    { logger, bodyParser: false },
  );
  app.use(jsonBody, jsonBodyErrors);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new PmsErrorFilter(), new CommandErrorsFilter());
  const openApi = new DocumentBuilder()
    .setTitle('pms-hub')
    .setDescription('Commands to dental practice-management systems, and their outcomes')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  await app.listen(config.port, config.host);
  // Command handlers are registered once the app is initialised: changes wait in the relay till now.
  const commandBus = app.get(CommandBus);
  circuitChanges.attach((officeId, change) =>
    commandBus.execute(new RecordCircuitChangeCommand(officeId, change)),
  );
  // Breakers start closed: a circuit a stopped hub left open is closed in the store first, so
  // the next opening is recorded (the store keeps only real changes).
  for (const { officeId, connection } of offices) {
    circuitChanges.notify(officeId, {
      pmsType: connection.pmsType,
      from: 'closed',
      to: 'closed',
      reason: 'hub started: the circuit breaker starts closed',
      changedAt: new Date().toISOString(),
    });
  }
  await kafka?.start(app);
  const health = app.get(OfficeHealthProjection);
  health.start();
  const performance = app.get(OfficePerformanceProjection);
  performance.start();
  traffic.start();
  const monitor = app.get(MonitorService);
  if (config.monitor.enabled) monitor.start();

  const address = app.getHttpServer().address() as { port: number };
  const url = `http://localhost:${address.port}`;
  return {
    app,
    url,
    // The listening line comes last: scripts that wait for it have the rest already.
    summary: [
      `OpenAPI docs: ${url}/docs`,
      config.kafka
        ? `kafka: ${config.kafka.brokers.join(',')}, group ${config.kafka.groupId}, forwarder ${config.forwarder ? 'on' : 'off'}`
        : 'kafka: off (commands over REST only; set KAFKA_BROKERS to consume and publish)',
      config.eventStoreConnectionString
        ? 'event store: EventStoreDB'
        : `event store: embedded, ${join(config.dataDir, 'events.sqlite')}`,
      ...offices.map(
        ({ officeId, timeZone, connection }) =>
          `office ${officeId}: ${connection.pmsType}` +
          ('baseUrl' in connection ? ` at ${connection.baseUrl}` : ' (in memory)') +
          `, ${timeZone ?? 'UTC'}`,
      ),
      ...(demo ? ['demo mode: in-process PMS simulators serve the demo offices'] : []),
      config.monitor.enabled
        ? `health monitor: every ${config.monitor.intervalMs} ms, ${config.monitor.concurrency} checks at once`
        : 'health monitor: off (POST /monitoring/start starts it)',
      `pms-hub listening on ${url}`,
    ],
    close: async () => {
      // Checks in flight are recorded while the forwarder still runs to publish them.
      await monitor.stop();
      await kafka?.stopIntake();
      // Runs in flight record what their PMS calls did before the store closes.
      await app.get(PmsProcessRunner).drain(15000);
      await circuitChanges.settled();
      // The last, partial interval is appended while the forwarder still runs.
      await traffic.close();
      await kafka?.stop();
      await health.stop();
      await performance.stop();
      await app.close();
      await directory.close();
      await demo?.close();
      await store.close();
    },
  };
}
