// What the vendor simulators share: each vendor folder keeps only its paths, wire shapes and data.
export { ApiRefusal, type ApiResult, created, ok } from './api-result';
export { requireBearer } from './bearer-auth.middleware';
export { type Booking, freeSlots, overlapsBooking, type SlotSearch } from './free-slots';
export {
  OfficeSchedule,
  type ProviderSchedule,
  type Weekday,
  type WorkingHours,
} from './office-schedule';
export { everyWeekday, OFFICE_HOURS } from './office-seed';
export { type PatientCriteria, type PatientFieldNames, searchPatients } from './patient-fields';
export { type Body, type Query, RequestFields } from './request-fields';
export { paddedId, SeededTable } from './seeded-table';
export { simulatorControlRoutes, tokenControlRoutes } from './simulator-control.routes';
export {
  type ErrorBodies,
  type ListenOptions,
  type RunningSimulator,
  serveSimulator,
  type Simulator,
  simulatorApp,
  type SimulatorOptions,
} from './simulator-server';
export { type TokenAnswer, type TokenOptions, TokenRegistry } from './token-registry';
export { vendorRoutes } from './vendor-routes';
export {
  checkWallTime,
  formatWall,
  MINUTE_MS,
  parseWallTime,
  WALL_FORMAT,
  wallMsOf,
} from './wall-clock';
