import { DEV_DENTRIX_CREDENTIALS, startDentrixSimulator } from '@pms-hub/pms-simulators';

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(process.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('PORT must be a port number');
  const simulator = await startDentrixSimulator({
    port,
    host: env.HOST ?? '127.0.0.1',
    // The office clock the API speaks (IANA zone), e.g. America/New_York.
    timeZone: env.TIME_ZONE ?? 'UTC',
    credentials: {
      username: env.DENTRIX_USERNAME ?? DEV_DENTRIX_CREDENTIALS.username,
      password: env.DENTRIX_PASSWORD ?? DEV_DENTRIX_CREDENTIALS.password,
      database: env.DENTRIX_DATABASE ?? DEV_DENTRIX_CREDENTIALS.database,
      apiKey: env.DENTRIX_API_KEY ?? DEV_DENTRIX_CREDENTIALS.apiKey,
    },
  });
  // The URL only: credentials stay out of logs.
  console.log(
    `Dentrix simulator listening on ${simulator.url} (office time zone ${simulator.state.timeZone})`,
  );
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    'Dentrix simulator failed to start:',
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
