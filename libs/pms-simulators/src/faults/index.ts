export * from './simulator-faults';
