export * from './pms-adapter.port';
export { DentrixAdapter } from './dentrix/dentrix.adapter';
export { EaglesoftAdapter } from './eaglesoft/eaglesoft.adapter';
export { CareStackAdapter } from './carestack/carestack.adapter';
export { DummyAdapter } from './dummy/dummy.adapter';
export { createPmsAdapter } from './create-pms-adapter';
export * from './resilience';
