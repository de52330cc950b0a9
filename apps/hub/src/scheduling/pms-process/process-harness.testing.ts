import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandEnvelope, CommandType } from '@pms-hub/domain';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { OfficeDirectory } from '../../offices/office-directory';
import { PmsProcessRunner } from './pms-process.runner';

export const CREDENTIALS = {
  username: 'spec-user',
  password: 'spec-password-4d1e',
  database: 'spec-db',
  apiKey: 'spec-api-key-88aa',
};

/** A runner wired to a real simulator over HTTP and a real embedded store in a temp dir. */
export interface ProcessHarness {
  readonly simulator: RunningDentrixSimulator;
  readonly store: EventStore;
  readonly runner: PmsProcessRunner;
  /** Another runner on the same store, as a second hub process would have. */
  runnerFor(offices: Record<string, string>, reconcileAfterMs?: number): PmsProcessRunner;
  readonly dbPath: string;
  calls(route: string): number;
  close(): Promise<void>;
}

export async function startProcessHarness(): Promise<ProcessHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-handler-'));
  const dbPath = join(dir, 'events.sqlite');
  const simulator = await startDentrixSimulator({ credentials: CREDENTIALS, port: 0 });
  const { store } = createEventStore({ kind: 'embedded', path: dbPath });
  const offices = new OfficeDirectory([
    {
      officeId: 'office-1',
      connection: { pmsType: 'dentrix', baseUrl: simulator.url, ...CREDENTIALS },
    },
    // Nothing listens on port 9 (discard) here: a PMS that cannot be reached.
    {
      officeId: 'office-down',
      connection: { pmsType: 'dentrix', baseUrl: 'http://127.0.0.1:9', ...CREDENTIALS },
    },
  ]);
  return {
    simulator,
    store,
    dbPath,
    runnerFor: (urls, reconcileAfterMs = 0) =>
      new PmsProcessRunner(
        store,
        new OfficeDirectory(
          Object.entries(urls).map(([officeId, baseUrl]) => ({
            officeId,
            connection: { pmsType: 'dentrix', baseUrl, ...CREDENTIALS },
          })),
        ),
        { reconcileAfterMs },
      ),
    runner: new PmsProcessRunner(store, offices, { reconcileAfterMs: 0 }),
    calls: (route) => simulator.state.requestCounts.get(route) ?? 0,
    close: async () => {
      await store.close();
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function envelope<TType extends CommandType, TPayload>(
  type: TType,
  payload: TPayload,
  officeId = 'office-1',
  commandId = crypto.randomUUID(),
): CommandEnvelope<TType, TPayload> {
  return {
    commandId,
    type,
    officeId,
    correlationId: `corr-${commandId}`,
    payload,
  };
}
