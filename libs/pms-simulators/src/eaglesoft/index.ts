export * from './eaglesoft.simulator';
export { DEFAULT_EAGLESOFT_SEED, DEV_EAGLESOFT_CREDENTIALS } from './eaglesoft.seed';
export { EaglesoftSimulatorState, type NewEaglesoftAppointment } from './eaglesoft.state';
export { type TokenAnswer, type TokenStats } from './eaglesoft.tokens';
export * from './eaglesoft.types';
