import { join } from 'node:path';
import { INestApplication, LogLevel, Logger, ValidationPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createEventStore } from '@pms-hub/event-store';
import { ApiKeyRegistry } from './access/api-key.registry';
import { ApiKeySigner } from './access/api-key.signer';
import { AppModule } from './app.module';
import { CommandIntakeHandler } from './scheduling/command-intake.handler';
import { commandResultOf } from './scheduling/command-result.message';
import { CommandErrorsFilter } from './scheduling/command-errors.filter';
import { jsonBody, jsonBodyErrors } from './platform/http/json-body.middleware';
import { PmsProcessRunner } from './scheduling/pms-process/pms-process.runner';
import { HubConfig } from './platform/config/hub.config';
import { OfficeConfig } from './offices/office-config';
import { OfficeHealthProjection } from './monitoring/read-models/office-health/office-health.projection';
import { kafkaMode } from './platform/kafka/kafka-mode';
import { MonitorService } from './monitoring/monitor.service';
import { CountingEventStore } from './platform/metrics/counting.event-store';
import { HubMetrics } from './platform/metrics/hub.metrics';
import { startDemoOffices } from './demo/demo-offices';
import {
  CatalogEntry,
  OfficeCatalogProjection,
} from './offices/read-models/office-catalog/office-catalog.projection';
import { registerConfiguredOffices } from './offices/commands/register-office/register-configured-offices';
import { EncryptedFileCredentialStore } from './platform/secrets/encrypted-file.credential-store';
import { OfficeDirectory } from './offices/office-directory';
import { PmsErrorFilter } from './platform/http/pms-error.filter';
import { monitoredAdapters } from './monitoring/monitored-adapters';
import { CircuitChangeRelay } from './monitoring/commands/record-circuit-change/circuit-change.relay';
import { RecordCircuitChangeCommand } from './monitoring/commands/record-circuit-change/record-circuit-change.command';
import { OfficePerformanceProjection } from './monitoring/read-models/office-performance/office-performance.projection';
import { TrafficRecorder } from './monitoring/traffic.recorder';
import { IssueApiKeyCommand } from './access/commands/issue-api-key/issue-api-key.command';
import { deriveKey, loadMasterKey } from './platform/secrets/master-key';
import { SqliteReadModelStore } from './platform/read-models/sqlite.read-model.store';
import { ReadModelRegistry } from './platform/read-models/read-model.registry';
import { ReadModelStore } from './platform/read-models/read-model.store.port';
import { RetentionService, retentionSummary } from './platform/retention/retention.service';

export interface RunningHub {
  readonly app: INestApplication;
  readonly url: string;
  /** What the hub runs on, for the start-up banner: no secrets. */
  readonly summary: readonly string[];
  /** Issued on the first start without HUB_ADMIN_API_KEY, for main.ts to print once. */
  readonly firstAdminKey?: string;
  close(): Promise<void>;
}

/**
 * The offices to serve: those configured (OFFICES_FILE, or a suite's list), registered at start
 * beside those already in the store; or `demo`, in-process simulators that only `--demo` asks for.
 */
export type HubOffices = readonly OfficeConfig[] | 'demo';

export async function startHub(
  config: HubConfig,
  offices: HubOffices,
  logger: LogLevel[] | false = ['log', 'warn', 'error'],
): Promise<RunningHub> {
  // Opened first: a second instance on the same file stops here, before it serves anything.
  const readModels = SqliteReadModelStore.open(config.readModelsFile);
  try {
    return await startOn(readModels, config, offices, logger);
  } catch (error) {
    // Released, so a corrected start in the same process can open it.
    await readModels.close();
    throw error;
  }
}

async function startOn(
  readModels: ReadModelStore,
  config: HubConfig,
  offices: HubOffices,
  logger: LogLevel[] | false,
): Promise<RunningHub> {
  const metrics = new HubMetrics();
  const { store: uncounted, checkpoints } = config.eventStoreConnectionString
    ? createEventStore({
        kind: 'eventstoredb',
        connectionString: config.eventStoreConnectionString,
      })
    : createEventStore({ kind: 'embedded', path: join(config.dataDir, 'events.sqlite') });
  const store = new CountingEventStore(uncounted, metrics);
  // Only an embedded hub may invent its key: instances sharing EventStoreDB need the same one.
  const masterKey = loadMasterKey({
    fromEnv: config.masterKey,
    dataDir: config.dataDir,
    mayGenerate: !config.eventStoreConnectionString,
  });
  const apiKeys = new ApiKeyRegistry(
    store,
    new ApiKeySigner(deriveKey(masterKey.key, 'pms-hub api keys v1')),
    config.adminApiKey,
  );
  await apiKeys.refresh();
  const credentials = new EncryptedFileCredentialStore(config.credentialsFile, masterKey.key);
  const demo = offices === 'demo' ? await startDemoOffices() : undefined;
  const configured = demo?.offices ?? (offices as readonly OfficeConfig[]);
  const circuitChanges = new CircuitChangeRelay((error) =>
    new Logger('pms-circuit').error(`a circuit change was not recorded: ${error.message}`),
  );
  const traffic = new TrafficRecorder(store, config.trafficRollupMs, (error) =>
    new Logger('office-traffic').error(error.message),
  );
  const directory = new OfficeDirectory(
    [],
    monitoredAdapters(config.resilience, circuitChanges, metrics, traffic),
  );
  // Breakers start closed (a new adapter's too): a circuit a stopped hub or a replaced adapter
  // left open is closed in the store first, so the next opening is recorded (the store keeps only
  // real changes).
  directory.onServed((officeId) =>
    circuitChanges.notify(officeId, {
      pmsType: directory.find(officeId)!.adapter.pmsType,
      from: 'closed',
      to: 'closed',
      reason: 'new PMS adapter: the circuit breaker starts closed',
      changedAt: new Date().toISOString(),
    }),
  );
  const kafka =
    config.kafka && kafkaMode(config.kafka, store, checkpoints, config.forwarder, commandResultOf);

  const app = await NestFactory.create(
    AppModule.register({
      config,
      offices: directory,
      credentials,
      store,
      readModels,
      metrics,
      apiKeys,
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
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  await app.init();
  // Command handlers are registered once the app is initialised: changes wait in the relay till now.
  const commandBus = app.get(CommandBus);
  circuitChanges.attach((officeId, change) =>
    commandBus.execute(new RecordCircuitChangeCommand(officeId, change)),
  );
  // The configured offices are recorded (only what changed since the last start, several at
  // once), then the catalog serves every office in the store, including those registered over the
  // API.
  await registerConfiguredOffices(commandBus, configured);
  const catalog = app.get(OfficeCatalogProjection);
  await catalog.load();
  const firstAdminKey =
    config.adminApiKey || apiKeys.adminKeyIssued()
      ? undefined
      : (await commandBus.execute(new IssueApiKeyCommand('first-start admin', ['admin'], null)))
          .key;
  await app.listen(config.port, config.host);
  await kafka?.start(app.get(CommandIntakeHandler));
  const health = app.get(OfficeHealthProjection);
  await health.start();
  // Not awaited: its bins (up to ~1,600 rows per busy office) load in pages while the health view
  // and everything else already answer; its route answers 503 until then.
  const performance = app.get(OfficePerformanceProjection);
  const performanceStarted = performance
    .start()
    .catch((error: Error) =>
      new Logger('office-performance').error(`not loaded: ${error.message} (restart the hub)`),
    );
  app.get(ReadModelRegistry).add(catalog, health, performance);
  traffic.start();
  const monitor = app.get(MonitorService);
  if (config.monitor.enabled) await monitor.start();
  const retention = config.retention && new RetentionService(store, config.retention, metrics);
  retention?.start();

  const address = app.getHttpServer().address() as { port: number };
  const url = `http://localhost:${address.port}`;
  return {
    app,
    url,
    firstAdminKey,
    // The listening line comes last: scripts that wait for it have the rest already.
    summary: [
      `OpenAPI docs: ${url}/docs`,
      config.kafka
        ? `kafka: ${config.kafka.brokers.join(',')}, group ${config.kafka.groupId}, forwarder ${config.forwarder ? 'on' : 'off'}`
        : 'kafka: off (commands over REST only; set KAFKA_BROKERS to consume and publish)',
      `master key: ${masterKey.source}${masterKey.generated ? ' (generated now: back it up)' : ''}`,
      config.adminApiKey
        ? 'admin API key: HUB_ADMIN_API_KEY'
        : 'admin API key: issued in the store (printed once, on the first start)',
      config.eventStoreConnectionString
        ? 'event store: EventStoreDB'
        : `event store: embedded, ${join(config.dataDir, 'events.sqlite')}`,
      `read models: ${config.readModelsFile} (instance ${config.instanceId})`,
      retentionSummary(config.retention),
      ...officeLines(catalog.list()),
      ...(demo ? ['demo mode: in-process PMS simulators serve the demo offices'] : []),
      config.monitor.enabled
        ? `health monitor: every ${config.monitor.intervalMs} ms, ${config.monitor.concurrency} checks at once`
        : 'health monitor: off (POST /monitoring/start starts it)',
      `pms-hub listening on ${url}`,
    ],
    close: async () => {
      // Between two batches: a run in progress stops before anything else closes.
      await retention?.stop();
      // Checks in flight are recorded while the forwarder still runs to publish them.
      await monitor.stop();
      // No office arrives any more: nothing new reaches the circuit relay once it has settled.
      await catalog.stop();
      await kafka?.stopIntake();
      // Runs in flight record what their PMS calls did before the store closes.
      await app.get(PmsProcessRunner).drain(15000);
      await circuitChanges.settled();
      // The last, partial interval is appended while the forwarder still runs.
      await traffic.close();
      await kafka?.stop();
      await health.stop();
      await performanceStarted;
      await performance.stop();
      await app.close();
      await directory.close();
      await demo?.close();
      await readModels.close();
      await store.close();
    },
  };
}

const LISTED_OFFICES = 20;

/** The banner names a few offices, not thousands. */
function officeLines(offices: readonly CatalogEntry[]): string[] {
  if (offices.length === 0) {
    return [
      'offices: none, so no PMS is served. Add offices with OFFICES_FILE=<path> ' +
        '(see deploy/offices.example.json) and restart, or POST /offices with an admin key; ' +
        '`npm start` (--demo) runs the demo offices on in-process simulators',
    ];
  }
  const lines = offices
    .slice(0, LISTED_OFFICES)
    .map(
      ({ officeId, profile: { pmsType, baseUrl, timeZone }, served }) =>
        `office ${officeId}: ${pmsType}${baseUrl ? ` at ${baseUrl}` : ' (in memory)'}, ${timeZone}` +
        (served ? '' : ' (NOT SERVED: no credentials stored)'),
    );
  const more = offices.length - LISTED_OFFICES;
  return more > 0 ? [...lines, `... and ${more} more offices (GET /offices)`] : lines;
}
