import { PmsConnection } from '@pms-hub/pms';

export interface OfficeConfig {
  readonly officeId: string;
  /** IANA zone of the office; its PMS speaks wall-clock time there. Default UTC. */
  readonly timeZone?: string;
  readonly connection: PmsConnection;
}
