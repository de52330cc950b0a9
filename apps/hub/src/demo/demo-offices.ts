import { randomBytes } from 'node:crypto';
import {
  startCareStackSimulator,
  startDentrixSimulator,
  startEaglesoftSimulator,
} from '@pms-hub/pms-simulators';
import { OfficeConfig } from '../offices/office-config';

/** Random per run, so nothing secret is ever printed or stored. */
const secret = () => randomBytes(12).toString('hex');
const LOOPBACK = { port: 0, host: '127.0.0.1' } as const;

/**
 * Demo mode: one office per PMS, each served by its in-process simulator on a free loopback port
 * (the dummy PMS lives in memory), all in UTC.
 */
export async function startDemoOffices(): Promise<{
  offices: OfficeConfig[];
  close: () => Promise<void>;
}> {
  const dentrix = { username: 'hub', password: secret(), database: 'demo', apiKey: secret() };
  const eaglesoft = {
    username: 'hub',
    password: secret(),
    database: 'demo',
    clientId: 'pms-hub',
    clientSecret: secret(),
  };
  const carestack = {
    username: 'hub',
    password: secret(),
    vendorKey: secret(),
    accountKey: secret(),
    accountId: '1001',
  };
  const simulators = await Promise.all([
    startDentrixSimulator({ credentials: dentrix, ...LOOPBACK }),
    startEaglesoftSimulator({ credentials: eaglesoft, ...LOOPBACK }),
    startCareStackSimulator({ credentials: carestack, ...LOOPBACK }),
  ]);
  const [dentrixUrl, eaglesoftUrl, carestackUrl] = simulators.map((s) => s.url);
  return {
    offices: [
      {
        officeId: 'demo-dentrix',
        connection: { pmsType: 'dentrix', baseUrl: dentrixUrl, ...dentrix },
      },
      {
        officeId: 'demo-eaglesoft',
        connection: { pmsType: 'eaglesoft', baseUrl: eaglesoftUrl, ...eaglesoft },
      },
      {
        officeId: 'demo-carestack',
        connection: { pmsType: 'carestack', baseUrl: carestackUrl, ...carestack },
      },
      { officeId: 'demo-dummy', connection: { pmsType: 'dummy' } },
    ],
    close: async () => {
      await Promise.all(simulators.map((s) => s.close()));
    },
  };
}
