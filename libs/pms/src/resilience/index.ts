export { RESILIENCE_DEFAULTS } from './resilience.options';
export type {
  CircuitChange,
  CircuitState,
  ResilienceOptions,
  ResilienceSettings,
} from './resilience.options';
export { ResilientPmsAdapter, withResilience } from './resilient.adapter';
