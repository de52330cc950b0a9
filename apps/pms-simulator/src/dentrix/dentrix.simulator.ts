import express, { Express } from 'express';
import { AddressInfo } from 'node:net';
import { dentrixApiRouter } from './dentrix-api.routes';
import { dentrixControlRouter } from './dentrix-control.routes';
import { jsonErrors } from './dentrix.middleware';
import { DEFAULT_DENTRIX_SEED, DEV_DENTRIX_CREDENTIALS } from './dentrix.seed';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixCredentials, DentrixSeed } from './dentrix.types';

export interface DentrixSimulatorOptions {
  /** Defaults to DEV_DENTRIX_CREDENTIALS. */
  readonly credentials?: DentrixCredentials;
  /** Parts given replace the matching parts of DEFAULT_DENTRIX_SEED. */
  readonly seed?: Partial<DentrixSeed>;
  /** IANA zone of the office clock (default UTC): the API reads and writes local times in it. */
  readonly timeZone?: string;
}

export interface DentrixSimulator {
  readonly app: Express;
  readonly state: DentrixSimulatorState;
}

export interface RunningDentrixSimulator {
  readonly url: string;
  readonly state: DentrixSimulatorState;
  close(): Promise<void>;
}

export function createDentrixSimulator(options: DentrixSimulatorOptions = {}): DentrixSimulator {
  const state = new DentrixSimulatorState(
    { ...DEFAULT_DENTRIX_SEED, ...options.seed },
    options.timeZone,
  );
  const app = express();
  app.disable('x-powered-by');
  app.use('/api', dentrixApiRouter(state, options.credentials ?? DEV_DENTRIX_CREDENTIALS));
  app.use('/_control', dentrixControlRouter(state));
  app.use(jsonErrors);
  return { app, state };
}

export async function startDentrixSimulator(
  options: DentrixSimulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningDentrixSimulator> {
  const { app, state } = createDentrixSimulator(options);
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
        // Clients' keep-alive sockets and hung requests (faults) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
