export * from './dentrix';
export * from './faults';
// Each simulator's wire types stay in its own module; the index exposes what starts and drives it.
export {
  DEFAULT_EAGLESOFT_SEED,
  DEV_EAGLESOFT_CREDENTIALS,
  EaglesoftSimulatorState,
  startEaglesoftSimulator,
  type EaglesoftSimulatorOptions,
  type RunningEaglesoftSimulator,
} from './eaglesoft';
export {
  CareStackSimulatorState,
  DEFAULT_CARESTACK_SEED,
  DEV_CARESTACK_CREDENTIALS,
  startCareStackSimulator,
  type CareStackSimulatorOptions,
  type RunningCareStackSimulator,
} from './carestack';
