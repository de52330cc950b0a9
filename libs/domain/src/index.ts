export * from './shared/event';
export * from './shared/command';
export * from './shared/process';
export * from './shared/process-decider';
export * from './booking/booking.events';
export * from './booking/booking.decider';
export * from './patient-registration/patient-registration.events';
export * from './patient-registration/patient-registration.decider';
