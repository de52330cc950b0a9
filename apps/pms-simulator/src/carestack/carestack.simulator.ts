import express, { Express } from 'express';
import { AddressInfo } from 'node:net';
import { API_BASE, careStackApiRouter } from './carestack-api.routes';
import { careStackControlRouter } from './carestack-control.routes';
import { careStackTokenRouter } from './carestack-token.routes';
import { jsonErrors } from './carestack.middleware';
import { isValidZone } from './carestack.schedule';
import { DEFAULT_CARESTACK_SEED, DEV_CARESTACK_CREDENTIALS } from './carestack.seed';
import { CareStackSimulatorState } from './carestack.state';
import { CareStackCredentials, CareStackSeed } from './carestack.types';

const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface CareStackSimulatorOptions {
  /** Defaults to DEV_CARESTACK_CREDENTIALS. */
  readonly credentials?: CareStackCredentials;
  /** Parts given replace the matching parts of DEFAULT_CARESTACK_SEED. */
  readonly seed?: Partial<CareStackSeed>;
  /** IANA zone of the office's wall clock, in which the API speaks; default UTC. */
  readonly timeZone?: string;
  /** `expires_in` of issued access tokens; default 3600. */
  readonly tokenLifetimeSeconds?: number;
}

export interface CareStackSimulator {
  readonly app: Express;
  readonly state: CareStackSimulatorState;
}

export interface RunningCareStackSimulator {
  readonly url: string;
  readonly state: CareStackSimulatorState;
  close(): Promise<void>;
}

export function createCareStackSimulator(
  options: CareStackSimulatorOptions = {},
): CareStackSimulator {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isValidZone(timeZone)) throw new Error(`unknown time zone ${timeZone}`);
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!(tokenLifetimeSeconds > 0)) throw new Error('tokenLifetimeSeconds must be positive');
  const credentials = options.credentials ?? DEV_CARESTACK_CREDENTIALS;
  const state = new CareStackSimulatorState({
    seed: { ...DEFAULT_CARESTACK_SEED, ...options.seed },
    timeZone,
    tokenLifetimeSeconds,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(careStackTokenRouter(state, credentials));
  app.use(API_BASE, careStackApiRouter(state, credentials));
  app.use('/_control', careStackControlRouter(state));
  app.use(jsonErrors);
  return { app, state };
}

export async function startCareStackSimulator(
  options: CareStackSimulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningCareStackSimulator> {
  const { app, state } = createCareStackSimulator(options);
  const host = options.host ?? '127.0.0.1';
  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients' keep-alive sockets (and requests a `hang` fault holds) would hold close() open.
        server.closeAllConnections();
      }),
  };
}
