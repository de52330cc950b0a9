import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfficeConfig } from '../../apps/hub/src/offices/office-config';
import { HubConfig } from '../../apps/hub/src/platform/config/hub.config';
import { RunningHub, startHub } from '../../apps/hub/src/hub';
import { TEST_ADMIN_KEY } from './http';

/** An embedded hub on a free loopback port, as the suites and benches run it. */
export function testHubConfig(dataDir: string): HubConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    credentialsFile: join(dataDir, 'credentials.enc.json'),
    instanceId: 'default',
    readModelsFile: join(dataDir, 'read-models.sqlite'),
    commandWaitMs: 5000,
    reconcileAfterMs: 15000,
    forwarder: false,
    resilience: {},
    // Off unless a suite asks: health checks would add events and PMS calls to every suite.
    monitor: { enabled: false, intervalMs: 30000, concurrency: 8, recordEveryMs: 60000 },
    trafficRollupMs: 5000,
    adminApiKey: TEST_ADMIN_KEY,
  };
}

/** A hub in this process on a free port, with its own embedded store in a temp dir. */
export async function startInProcessHub(
  offices: readonly OfficeConfig[],
  overrides: Partial<HubConfig> = {},
): Promise<RunningHub & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pms-hub-in-process-'));
  const hub = await startHub({ ...testHubConfig(dataDir), ...overrides }, offices, false);
  return {
    ...hub,
    dataDir,
    close: async () => {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
