export * from './eventually';
export * from './test-events';
