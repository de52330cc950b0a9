export * from './pms-adapter.port';
export type { PmsOperation } from './pms.operations';
export { WrappingPmsAdapter } from './wrapping.adapter';
export { DentrixAdapter } from './dentrix/dentrix.adapter';
export { EaglesoftAdapter } from './eaglesoft/eaglesoft.adapter';
export { CareStackAdapter } from './carestack/carestack.adapter';
export { DummyAdapter } from './dummy/dummy.adapter';
export { createPmsAdapter } from './pms-adapter.factory';
export * from './resilience';
