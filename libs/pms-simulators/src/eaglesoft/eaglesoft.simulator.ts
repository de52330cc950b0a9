import { IANAZone } from 'luxon';
import {
  ListenOptions,
  RunningSimulator,
  serveSimulator,
  Simulator,
  simulatorApp,
  simulatorControlRoutes,
  SimulatorOptions,
  tokenControlRoutes,
  TokenOptions,
} from '../shared';
import { eaglesoftApiRouter } from './eaglesoft-api.routes';
import { EAGLESOFT_ERRORS } from './eaglesoft.middleware';
import { DEFAULT_EAGLESOFT_SEED, DEV_EAGLESOFT_CREDENTIALS } from './eaglesoft.seed';
import { EaglesoftSimulatorState } from './eaglesoft.state';
import { EaglesoftCredentials, EaglesoftSeed } from './eaglesoft.types';

export type EaglesoftSimulatorOptions = SimulatorOptions<EaglesoftCredentials, EaglesoftSeed> &
  TokenOptions;

export type EaglesoftSimulator = Simulator<EaglesoftSimulatorState>;
export type RunningEaglesoftSimulator = RunningSimulator<EaglesoftSimulatorState>;

function createEaglesoftSimulator(options: EaglesoftSimulatorOptions = {}): EaglesoftSimulator {
  const timeZone = options.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(timeZone)) throw new Error(`unknown time zone ${timeZone}`);
  const state = new EaglesoftSimulatorState(
    { ...DEFAULT_EAGLESOFT_SEED, ...options.seed },
    { timeZone, tokenLifetimeSeconds: options.tokenLifetimeSeconds },
  );
  const app = simulatorApp(
    [
      ['/api', eaglesoftApiRouter(state, options.credentials ?? DEV_EAGLESOFT_CREDENTIALS)],
      [
        '/_control',
        simulatorControlRoutes(state),
        tokenControlRoutes(state.tokens, () => state.tokens.stats()),
      ],
    ],
    EAGLESOFT_ERRORS,
  );
  return { app, state };
}

export async function startEaglesoftSimulator(
  options: EaglesoftSimulatorOptions & ListenOptions = {},
): Promise<RunningEaglesoftSimulator> {
  return serveSimulator(createEaglesoftSimulator(options), options);
}
