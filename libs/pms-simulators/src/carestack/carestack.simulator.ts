import express from 'express';
import { DateTime } from 'luxon';
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
import { API_BASE, careStackApiRouter } from './carestack-api.routes';
import { careStackTokenRouter } from './carestack-token.routes';
import { CARESTACK_ERRORS } from './carestack.middleware';
import { DEFAULT_CARESTACK_SEED, DEV_CARESTACK_CREDENTIALS } from './carestack.seed';
import { CareStackSimulatorState } from './carestack.state';
import { CareStackCredentials, CareStackSeed } from './carestack.types';

export type CareStackSimulatorOptions = SimulatorOptions<CareStackCredentials, CareStackSeed> &
  TokenOptions;

export type CareStackSimulator = Simulator<CareStackSimulatorState>;
export type RunningCareStackSimulator = RunningSimulator<CareStackSimulatorState>;

function createCareStackSimulator(options: CareStackSimulatorOptions = {}): CareStackSimulator {
  const timeZone = options.timeZone ?? 'UTC';
  // Any zone luxon can use, so fixed offsets such as `UTC+3` are taken too.
  if (!DateTime.local({ zone: timeZone }).isValid) throw new Error(`unknown time zone ${timeZone}`);
  const credentials = options.credentials ?? DEV_CARESTACK_CREDENTIALS;
  const state = new CareStackSimulatorState({
    seed: { ...DEFAULT_CARESTACK_SEED, ...options.seed },
    timeZone,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
  });
  const tokens = state.tokens;
  const app = simulatorApp(
    [
      ['/', careStackTokenRouter(state, credentials)],
      [API_BASE, careStackApiRouter(state, credentials)],
      [
        '/_control',
        // Every control call's body is parsed, so a malformed one is refused with a JSON 400.
        express.json(),
        simulatorControlRoutes(state),
        tokenControlRoutes(tokens, () => ({
          live: tokens.liveCount(),
          lifetimeSeconds: tokens.lifetimeSeconds,
        })),
      ],
    ],
    CARESTACK_ERRORS,
  );
  return { app, state };
}

export async function startCareStackSimulator(
  options: CareStackSimulatorOptions & ListenOptions = {},
): Promise<RunningCareStackSimulator> {
  return serveSimulator(createCareStackSimulator(options), options);
}
