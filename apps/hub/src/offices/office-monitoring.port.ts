/** Whether an office's PMS is health-checked: monitoring answers it, the office views show it. */
export interface OfficeMonitoring {
  monitored(officeId: string): boolean;
}

export const OFFICE_MONITORING = Symbol('OFFICE_MONITORING');
