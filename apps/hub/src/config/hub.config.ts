import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KafkaConfig } from '@pms-hub/messaging';
import { PmsConnection } from '@pms-hub/pms';

export interface OfficeConfig {
  readonly officeId: string;
  readonly connection: PmsConnection;
}

export interface HubConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Set: EventStoreDB. Unset: the embedded store under `dataDir`. */
  readonly eventStoreConnectionString?: string;
  /** Unset: demo mode, one in-process simulator serving office `demo-dentrix`. */
  readonly offices?: readonly OfficeConfig[];
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
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');

export function loadHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    offices: env.OFFICES_FILE ? readOffices(env.OFFICES_FILE) : undefined,
    commandWaitMs: integer(env, 'COMMAND_WAIT_MS', 5000),
    reconcileAfterMs: integer(env, 'RECONCILE_AFTER_MS', 15000),
    kafka: env.KAFKA_BROKERS ? kafkaConfig(env, env.KAFKA_BROKERS) : undefined,
    forwarder: (env.HUB_FORWARDER ?? 'on') !== 'off',
  };
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
    commandPartitions: integer(env, 'KAFKA_COMMAND_PARTITIONS', 6),
    outputPartitions: integer(env, 'KAFKA_OUTPUT_PARTITIONS', 6),
    replicationFactor: integer(env, 'KAFKA_REPLICATION_FACTOR', 1),
    maxCommandBytes: integer(env, 'KAFKA_MAX_COMMAND_BYTES', 64 * 1024),
    partitionsConsumedConcurrently: integer(env, 'KAFKA_PARTITIONS_CONCURRENTLY', 3),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

/** Offices file: a JSON array of `{ officeId, connection: { pmsType, baseUrl, ...credentials } }`. */
function readOffices(path: string): OfficeConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // The parser's message would quote the file, credentials included.
    throw new Error(`OFFICES_FILE ${path} is missing or not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new Error(`OFFICES_FILE ${path} must hold a JSON array`);
  return parsed.map((entry, index) => {
    const office = entry as Partial<OfficeConfig>;
    const connection = office?.connection as Partial<PmsConnection> | undefined;
    if (typeof office?.officeId !== 'string' || !office.officeId) {
      throw new Error(`OFFICES_FILE entry ${index}: officeId is missing`);
    }
    if (connection?.pmsType !== 'dentrix' || typeof connection.baseUrl !== 'string') {
      throw new Error(
        `OFFICES_FILE entry ${index} (${office.officeId}): connection needs pmsType "dentrix" and baseUrl`,
      );
    }
    for (const field of ['username', 'password', 'database', 'apiKey'] as const) {
      if (typeof connection[field] !== 'string') {
        throw new Error(
          `OFFICES_FILE entry ${index} (${office.officeId}): connection.${field} is missing`,
        );
      }
    }
    return office as OfficeConfig;
  });
}
