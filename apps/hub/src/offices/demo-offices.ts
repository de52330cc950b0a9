import { randomBytes } from 'node:crypto';
import { startDentrixSimulator } from '../../../pms-simulator/src';
import { OfficeConfig } from '../config/hub.config';

export const DEMO_OFFICE_ID = 'demo-dentrix';

/**
 * Demo mode: an in-process Dentrix simulator on a free loopback port. Its credentials are random
 * per run, so nothing secret is ever printed or stored.
 */
export async function startDemoOffices(): Promise<{
  offices: OfficeConfig[];
  close: () => Promise<void>;
}> {
  const credentials = {
    username: 'hub',
    password: randomBytes(12).toString('hex'),
    database: 'demo',
    apiKey: randomBytes(12).toString('hex'),
  };
  const simulator = await startDentrixSimulator({ credentials, port: 0, host: '127.0.0.1' });
  return {
    offices: [
      {
        officeId: DEMO_OFFICE_ID,
        connection: { pmsType: 'dentrix', baseUrl: simulator.url, ...credentials },
      },
    ],
    close: () => simulator.close(),
  };
}
