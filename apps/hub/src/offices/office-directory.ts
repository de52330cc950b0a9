import { PmsAdapter, PmsConnection, createPmsAdapter } from '@pms-hub/pms';
import { OfficeConfig } from '../config/hub.config';

export interface Office {
  readonly officeId: string;
  readonly adapter: PmsAdapter;
}

/** The offices this hub serves, each with its PMS adapter. Connections never leave this class. */
export class OfficeDirectory {
  private readonly offices = new Map<string, Office>();

  constructor(
    configs: readonly OfficeConfig[],
    makeAdapter: (connection: PmsConnection, officeId: string) => PmsAdapter = (c, officeId) =>
      createPmsAdapter(c, { officeId }),
  ) {
    for (const { officeId, connection } of configs) {
      if (this.offices.has(officeId)) throw new Error(`office ${officeId} is configured twice`);
      this.offices.set(officeId, {
        officeId,
        adapter: makeAdapter(connection, officeId),
      });
    }
  }

  find(officeId: string): Office | undefined {
    return this.offices.get(officeId);
  }

  /** Releases the adapters' pooled connections. */
  async close(): Promise<void> {
    await Promise.all([...this.offices.values()].map(({ adapter }) => adapter.close?.()));
  }
}
