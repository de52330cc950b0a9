export * from './dentrix.simulator';
export { DEFAULT_DENTRIX_SEED, DEV_DENTRIX_CREDENTIALS } from './dentrix.seed';
export { DentrixSimulatorState, type NewDentrixAppointment } from './dentrix.state';
export * from './dentrix.types';
