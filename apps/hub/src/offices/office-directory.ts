import { isDeepStrictEqual } from 'node:util';
import { PmsAdapter, createPmsAdapter } from '@pms-hub/pms';
import { OfficeConfig } from './office-config';

export interface Office {
  readonly officeId: string;
  readonly adapter: PmsAdapter;
}

interface Entry extends Office {
  readonly config: OfficeConfig;
}

/**
 * The offices this hub serves, each with its PMS adapter. Connections never leave this class.
 * Offices come and change at run time (office-catalog.projection.ts registers them).
 */
export class OfficeDirectory {
  private readonly offices = new Map<string, Entry>();
  /** Replaced adapters may still have calls in flight: they are closed with the directory. */
  private readonly retired: PmsAdapter[] = [];
  private readonly added: ((officeId: string) => void)[] = [];

  constructor(
    configs: readonly OfficeConfig[],
    private readonly makeAdapter: (office: OfficeConfig) => PmsAdapter = ({
      officeId,
      timeZone,
      connection,
    }) => createPmsAdapter(connection, { officeId, timeZone }),
  ) {
    for (const config of configs) {
      if (this.offices.has(config.officeId)) {
        throw new Error(`office ${config.officeId} is configured twice`);
      }
      this.register(config);
    }
  }

  /** Adds the office, or gives it a new adapter if its configuration changed. */
  register(config: OfficeConfig): void {
    const current = this.offices.get(config.officeId);
    if (current && isDeepStrictEqual(current.config, config)) return;
    if (current) this.retired.push(current.adapter);
    const adapter = this.makeAdapter(config);
    this.offices.set(config.officeId, { officeId: config.officeId, adapter, config });
    if (!current) for (const listener of this.added) listener(config.officeId);
  }

  /** Called with each office registered from now on. */
  onAdded(listener: (officeId: string) => void): void {
    this.added.push(listener);
  }

  find(officeId: string): Office | undefined {
    return this.offices.get(officeId);
  }

  ids(): string[] {
    return [...this.offices.keys()];
  }

  /** Releases the adapters' pooled connections. */
  async close(): Promise<void> {
    const adapters = [...this.retired, ...[...this.offices.values()].map(({ adapter }) => adapter)];
    await Promise.all(adapters.map((adapter) => adapter.close?.()));
  }
}
