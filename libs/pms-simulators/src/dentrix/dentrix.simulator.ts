import {
  ListenOptions,
  RunningSimulator,
  serveSimulator,
  Simulator,
  simulatorApp,
  simulatorControlRoutes,
  SimulatorOptions,
} from '../shared';
import { dentrixApiRouter } from './dentrix-api.routes';
import { DENTRIX_ERRORS } from './dentrix.middleware';
import { DEFAULT_DENTRIX_SEED, DEV_DENTRIX_CREDENTIALS } from './dentrix.seed';
import { DentrixSimulatorState } from './dentrix.state';
import { DentrixCredentials, DentrixSeed } from './dentrix.types';

export type DentrixSimulatorOptions = SimulatorOptions<DentrixCredentials, DentrixSeed>;

export type DentrixSimulator = Simulator<DentrixSimulatorState>;
export type RunningDentrixSimulator = RunningSimulator<DentrixSimulatorState>;

function createDentrixSimulator(options: DentrixSimulatorOptions = {}): DentrixSimulator {
  const state = new DentrixSimulatorState(
    { ...DEFAULT_DENTRIX_SEED, ...options.seed },
    options.timeZone,
  );
  const credentials = options.credentials ?? DEV_DENTRIX_CREDENTIALS;
  const app = simulatorApp(
    [
      ['/api', dentrixApiRouter(state, credentials)],
      ['/_control', simulatorControlRoutes(state)],
    ],
    DENTRIX_ERRORS,
  );
  return { app, state };
}

export async function startDentrixSimulator(
  options: DentrixSimulatorOptions & ListenOptions = {},
): Promise<RunningDentrixSimulator> {
  return serveSimulator(createDentrixSimulator(options), options);
}
