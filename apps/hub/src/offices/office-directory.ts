import { PmsAdapter, createPmsAdapter } from '@pms-hub/pms';
import { OfficeConfig } from './office-config';

export interface Office {
  readonly officeId: string;
  readonly adapter: PmsAdapter;
}

/** The offices this hub serves, each with its PMS adapter. Connections never leave this class. */
export class OfficeDirectory {
  private readonly offices = new Map<string, Office>();

  constructor(
    configs: readonly OfficeConfig[],
    makeAdapter: (office: OfficeConfig) => PmsAdapter = ({ officeId, timeZone, connection }) =>
      createPmsAdapter(connection, { officeId, timeZone }),
  ) {
    for (const config of configs) {
      const { officeId } = config;
      if (this.offices.has(officeId)) throw new Error(`office ${officeId} is configured twice`);
      this.offices.set(officeId, {
        officeId,
        adapter: makeAdapter(config),
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
