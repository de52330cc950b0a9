import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
  } catch (error) {
    throw new Error(`OFFICES_FILE ${path} is not readable JSON: ${(error as Error).message}`);
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
