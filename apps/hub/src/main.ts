import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadHubConfig } from './platform/config/hub.config';
import { startHub } from './hub';

async function main(): Promise<void> {
  const hub = await startHub(loadHubConfig());
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
