import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { HubOffices, startHub } from './hub';
import { readOfficesFile } from './offices/offices-file';
import { HubConfig, loadHubConfig } from './platform/config/hub.config';

/** Demo mode is asked for (`--demo`, as `npm start` does), never fallen into. */
function demoAsked(args: readonly string[]): boolean {
  const unknown = args.filter((arg) => arg !== '--demo');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}: the only one is --demo`);
  return args.includes('--demo');
}

/** The demo's store by default: a production start on `./data` never finds the demo offices. */
const DEMO_DATA_DIR = './data/demo';

function officesToServe(config: HubConfig, demo: boolean): HubOffices {
  if (!demo) return config.officesFile ? readOfficesFile(config.officesFile) : [];
  if (config.officesFile) {
    throw new Error('--demo serves the demo offices only: unset OFFICES_FILE or drop --demo');
  }
  return 'demo';
}

async function main(): Promise<void> {
  const demo = demoAsked(process.argv.slice(2));
  const env = process.env;
  const config = loadHubConfig(demo ? { ...env, DATA_DIR: env.DATA_DIR || DEMO_DATA_DIR } : env);
  const hub = await startHub(config, officesToServe(config, demo));
  const logger = new Logger('pms-hub');
  if (hub.firstAdminKey) {
    // Printed once, on purpose: the hub keeps no copy and never prints it again.
    process.stdout.write(
      `\nFirst start: an admin API key was issued. Store it now; it is not shown again:\n\n` +
        `    ${hub.firstAdminKey}\n\n` +
        `Send it as "Authorization: Bearer <key>"; POST /api-keys issues narrower keys.\n\n`,
    );
  }
  for (const line of hub.summary) logger.log(line);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: shutting down`);
    hub.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`pms-hub failed to start: ${error.message}`);
  process.exit(1);
});
