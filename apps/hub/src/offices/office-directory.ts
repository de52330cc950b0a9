import { isDeepStrictEqual } from 'node:util';
import { PmsAdapter, createPmsAdapter } from '@pms-hub/pms';
import { OfficeConfig } from './office-config';

/** Longer than any PMS call (timeouts, retries and Retry-After waits included). */
const RETIRED_ADAPTER_GRACE_MS = 120_000;

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
  /** Replaced adapters may still have calls in flight: closed a while later, or with the directory. */
  private readonly retired = new Map<PmsAdapter, NodeJS.Timeout>();
  private readonly listeners: ((officeId: string, isNew: boolean) => void)[] = [];

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
    if (current) this.retire(current.adapter);
    const adapter = this.makeAdapter(config);
    this.offices.set(config.officeId, { officeId: config.officeId, adapter, config });
    for (const listener of this.listeners) listener(config.officeId, !current);
  }

  /** Called each time an office gets an adapter from now on: a new office, or a changed one. */
  onServed(listener: (officeId: string, isNew: boolean) => void): void {
    this.listeners.push(listener);
  }

  find(officeId: string): Office | undefined {
    return this.offices.get(officeId);
  }

  ids(): string[] {
    return [...this.offices.keys()];
  }

  /** Releases the adapters' pooled connections. */
  async close(): Promise<void> {
    for (const timer of this.retired.values()) clearTimeout(timer);
    const adapters = [...this.retired.keys(), ...[...this.offices.values()].map((o) => o.adapter)];
    this.retired.clear();
    await Promise.all(adapters.map((adapter) => adapter.close?.()));
  }

  private retire(adapter: PmsAdapter): void {
    const timer = setTimeout(() => {
      this.retired.delete(adapter);
      void adapter.close?.();
    }, RETIRED_ADAPTER_GRACE_MS);
    timer.unref();
    this.retired.set(adapter, timer);
  }
}
