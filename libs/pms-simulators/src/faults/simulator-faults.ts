// The faults module's public API: every PMS simulator mounts these on its routes.
export { faultControlRoutes } from './fault-control.routes';
export { faultGate, sendThroughFaults } from './fault-gate.middleware';
export { type FaultSettings, FaultSettingsError, validateFaultSettings } from './fault-settings';
export { SimulatorFaults } from './simulator-faults.state';
