import express, { Express } from 'express';
import { IANAZone } from 'luxon';
import { AddressInfo } from 'node:net';
import { eaglesoftApiRouter } from './eaglesoft-api.routes';
import { eaglesoftControlRouter } from './eaglesoft-control.routes';
import { jsonErrors } from './eaglesoft.middleware';
import { DEFAULT_EAGLESOFT_SEED, DEV_EAGLESOFT_CREDENTIALS } from './eaglesoft.seed';
import { EaglesoftSimulatorState } from './eaglesoft.state';
import { EaglesoftCredentials, EaglesoftSeed } from './eaglesoft.types';

const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface EaglesoftSimulatorOptions {
  /** Defaults to DEV_EAGLESOFT_CREDENTIALS. */
  readonly credentials?: EaglesoftCredentials;
  /** Parts given replace the matching parts of DEFAULT_EAGLESOFT_SEED. */
  readonly seed?: Partial<EaglesoftSeed>;
  /** IANA zone of the office's wall clock, which the API speaks. Defaults to UTC. */
  readonly timeZone?: string;
  /** `expires_in` of every issued token. Defaults to 3600. */
  readonly tokenLifetimeSeconds?: number;
}

export interface EaglesoftSimulator {
  readonly app: Express;
  readonly state: EaglesoftSimulatorState;
}

export interface RunningEaglesoftSimulator {
  readonly url: string;
  readonly state: EaglesoftSimulatorState;
  close(): Promise<void>;
}

export function createEaglesoftSimulator(
  options: EaglesoftSimulatorOptions = {},
): EaglesoftSimulator {
  const timeZone = options.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(timeZone)) throw new Error(`unknown time zone ${timeZone}`);
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!(tokenLifetimeSeconds > 0)) throw new Error('tokenLifetimeSeconds must be positive');
  const state = new EaglesoftSimulatorState(
    { ...DEFAULT_EAGLESOFT_SEED, ...options.seed },
    { timeZone, tokenLifetimeSeconds },
  );
  const app = express();
  app.disable('x-powered-by');
  app.use('/api', eaglesoftApiRouter(state, options.credentials ?? DEV_EAGLESOFT_CREDENTIALS));
  app.use('/_control', eaglesoftControlRouter(state));
  app.use(jsonErrors);
  return { app, state };
}

export async function startEaglesoftSimulator(
  options: EaglesoftSimulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningEaglesoftSimulator> {
  const { app, state } = createEaglesoftSimulator(options);
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
        // Clients' keep-alive sockets, and requests a `hang` fault holds, would keep close() open.
        server.closeAllConnections();
      }),
  };
}
