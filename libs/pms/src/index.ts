export * from './pms-adapter.port';
export { DentrixAdapter } from './dentrix/dentrix.adapter';
export { createPmsAdapter } from './create-pms-adapter';
