import { DEFAULT_HEALTH_RULES, HealthRules } from '@pms-hub/domain';
import { HubConfig } from '../platform/config/hub.config';

export const HEALTH_RULES = Symbol('HEALTH_RULES');

/** The default rules, recording a quiet office's check every `MONITOR_RECORD_EVERY_MS`. */
export const healthRulesOf = (config: HubConfig): HealthRules => ({
  ...DEFAULT_HEALTH_RULES,
  recordEveryMs: config.monitor.recordEveryMs,
});
