export * from './carestack.simulator';
export { DEFAULT_CARESTACK_SEED, DEV_CARESTACK_CREDENTIALS } from './carestack.seed';
export { CareStackSimulatorState, type NewCareStackAppointment } from './carestack.state';
export * from './carestack.types';
