import { join, resolve } from 'node:path';
import { KafkaConfig } from '@pms-hub/messaging';
import { ResilienceOptions } from '@pms-hub/pms';

export interface HubConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Set: EventStoreDB. Unset: the embedded store under `dataDir`. */
  readonly eventStoreConnectionString?: string;
  /** OFFICES_FILE: the offices to register at start (more come over `POST /offices`). */
  readonly officesFile?: string;
  /** How long `POST /commands` waits for an outcome before answering `pending`. */
  readonly commandWaitMs: number;
  /**
   * A request younger than this may still have its PMS call in flight in another process, so it
   * is not reconciled yet. Keep it above the PMS timeout (10 s).
   */
  readonly reconcileAfterMs: number;
  /** Set (by KAFKA_BROKERS): commands are consumed from Kafka and events published to it. */
  readonly kafka?: KafkaConfig;
  /** Whether this instance publishes the store's events to Kafka (one instance is enough). */
  readonly forwarder: boolean;
  /** Timeouts, read retries, circuit breaker and cache in front of every office's PMS. */
  readonly resilience: ResilienceOptions;
  /** Periodic health checks of every office's PMS (`monitor/`). */
  readonly monitor: MonitorConfig;
  /** Between two traffic rollups: at most one `PmsTrafficRolledUp` per office per interval. */
  readonly trafficRollupMs: number;
  /** RETENTION_DAYS: how long telemetry is kept (default 35 days); unset when `off`. */
  readonly retention?: RetentionConfig;
  /**
   * HUB_ADMIN_API_KEY: an admin key kept outside the store (rotate it by changing the variable).
   * Unset: the first start issues an admin key and prints it once.
   */
  readonly adminApiKey?: string;
  /**
   * HUB_MASTER_KEY, 32 bytes in base64: encrypts the PMS credentials and signs API keys; every
   * instance needs the same. Unset: `<dataDir>/master.key`, generated on first start (embedded
   * store only).
   */
  readonly masterKey?: string;
  /** CREDENTIALS_FILE: the PMS credentials, encrypted; default `<dataDir>/credentials.enc.json`. */
  readonly credentialsFile: string;
  /** HUB_INSTANCE_ID: names this instance where several share a store; unset: `default`. */
  readonly instanceId: string;
  /**
   * READ_MODELS_FILE: this instance's read models (SQLite, held exclusively while it runs);
   * default `<dataDir>/read-models.sqlite`, or `read-models-<HUB_INSTANCE_ID>.sqlite`.
   */
  readonly readModelsFile: string;
}

export interface MonitorConfig {
  /** Whether monitoring starts with the hub; `POST /monitoring/start` starts it anyway. */
  readonly enabled: boolean;
  /** Between one office's checks, ±10 % jitter. */
  readonly intervalMs: number;
  /** Health checks in flight at once, across offices. */
  readonly concurrency: number;
  /**
   * A check that says nothing new (same status, no new error) is recorded once this long after
   * the office's last recorded check; 0 records every check. Changes are recorded at once.
   */
  readonly recordEveryMs: number;
}

/** Telemetry (health, traffic, circuit changes, monitor leases) expires; business facts never. */
export interface RetentionConfig {
  /** Telemetry events recorded longer ago than this are deleted (the last of a stream stays). */
  readonly maxAgeMs: number;
  /** RETENTION_SCAVENGE_EVERY_MS: between two runs; the first comes soon after start. */
  readonly everyMs: number;
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');

export function loadHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    officesFile: env.OFFICES_FILE || undefined,
    commandWaitMs: integer(env, 'COMMAND_WAIT_MS', 5000),
    reconcileAfterMs: integer(env, 'RECONCILE_AFTER_MS', 15000),
    kafka: env.KAFKA_BROKERS ? kafkaConfig(env, env.KAFKA_BROKERS) : undefined,
    forwarder: (env.HUB_FORWARDER ?? 'on') !== 'off',
    resilience: {
      readTimeoutMs: optionalInteger(env, 'PMS_READ_TIMEOUT_MS'),
      readRetries: optionalInteger(env, 'PMS_READ_RETRIES'),
      failuresToOpen: optionalInteger(env, 'PMS_FAILURES_TO_OPEN'),
      openCooldownMs: optionalInteger(env, 'PMS_OPEN_COOLDOWN_MS'),
      maxRetryAfterWaitMs: optionalInteger(env, 'PMS_MAX_RETRY_AFTER_WAIT_MS'),
      referenceDataTtlMs: optionalInteger(env, 'PMS_REFERENCE_DATA_TTL_MS'),
    },
    monitor: {
      enabled: (env.MONITOR_ENABLED ?? 'on') !== 'off',
      intervalMs: integer(env, 'MONITOR_INTERVAL_MS', 30000, 1),
      concurrency: integer(env, 'MONITOR_CONCURRENCY', 8, 1),
      recordEveryMs: integer(env, 'MONITOR_RECORD_EVERY_MS', 60000, 0),
    },
    trafficRollupMs: integer(env, 'TRAFFIC_ROLLUP_MS', 5000, 1),
    retention: retention(env),
    adminApiKey: adminApiKey(env.HUB_ADMIN_API_KEY),
    masterKey: env.HUB_MASTER_KEY || undefined,
    credentialsFile: resolve(
      env.CREDENTIALS_FILE || join(env.DATA_DIR || './data', 'credentials.enc.json'),
    ),
    instanceId: instanceId(env.HUB_INSTANCE_ID),
    readModelsFile: resolve(
      env.READ_MODELS_FILE ||
        join(
          env.DATA_DIR || './data',
          env.HUB_INSTANCE_ID ? `read-models-${env.HUB_INSTANCE_ID}.sqlite` : 'read-models.sqlite',
        ),
    ),
  };
}

const DAY_MS = 86_400_000;
/** The 7-day performance and health views read a week of telemetry back from now. */
const MIN_RETENTION_DAYS = 8;
const MAX_RETENTION_DAYS = 36_500;

function retention(env: NodeJS.ProcessEnv): RetentionConfig | undefined {
  const raw = env.RETENTION_DAYS;
  if (raw === 'off') return undefined;
  const days = raw === undefined || raw === '' ? 35 : Number(raw);
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw new Error(
      `RETENTION_DAYS must be a whole number of days from ${MIN_RETENTION_DAYS} (the 7-day views ` +
        `read a week of telemetry) to ${MAX_RETENTION_DAYS}, or off; got "${raw}"`,
    );
  }
  return {
    maxAgeMs: days * DAY_MS,
    everyMs: integer(env, 'RETENTION_SCAVENGE_EVERY_MS', 3_600_000, 1),
  };
}

function instanceId(id: string | undefined): string {
  if (!id) return 'default';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
    throw new Error('HUB_INSTANCE_ID must be 1-64 letters, digits, dots, dashes or underscores');
  }
  return id;
}

function adminApiKey(key: string | undefined): string | undefined {
  if (!key) return undefined;
  if (key.length < 24 || /\s/.test(key)) {
    throw new Error('HUB_ADMIN_API_KEY must be at least 24 characters with no spaces');
  }
  return key;
}

/** Unset: the library's default applies (see RESILIENCE_DEFAULTS). */
function optionalInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  return env[name] === undefined || env[name] === '' ? undefined : integer(env, name, 0);
}

function kafkaConfig(env: NodeJS.ProcessEnv, brokers: string): KafkaConfig {
  return {
    brokers: brokers
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    clientId: env.KAFKA_CLIENT_ID ?? 'pms-hub',
    groupId: env.KAFKA_GROUP_ID ?? 'pms-hub',
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    commandPartitions: integer(env, 'KAFKA_COMMAND_PARTITIONS', 6, 1),
    outputPartitions: integer(env, 'KAFKA_OUTPUT_PARTITIONS', 6, 1),
    replicationFactor: integer(env, 'KAFKA_REPLICATION_FACTOR', 1, 1),
    maxCommandBytes: integer(env, 'KAFKA_MAX_COMMAND_BYTES', 64 * 1024, 1),
    partitionsConsumedConcurrently: integer(env, 'KAFKA_PARTITIONS_CONCURRENTLY', 3, 1),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
  }
  return value;
}
