import axios, { AxiosError, AxiosInstance } from 'axios';
import type { ReadModelStatus } from './platform/read-models/read-model.registry';

/**
 * `npm run rebuild-read-models [name...]`: asks a running hub to rebuild its read models from the
 * start of the store (all, or those named) and prints their progress until they are done.
 * HUB_URL (default http://localhost:$PORT, 3000) and an admin key in HUB_API_KEY or
 * HUB_ADMIN_API_KEY. Exits 1 if a rebuild fails.
 */
const POLL_MS = 1000;

type Progress = NonNullable<ReadModelStatus['lastRebuild']>;

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const key = process.env.HUB_API_KEY || process.env.HUB_ADMIN_API_KEY;
  if (!key) throw new Error('set HUB_API_KEY (or HUB_ADMIN_API_KEY) to an admin API key');
  const hub = axios.create({
    baseURL: process.env.HUB_URL || `http://localhost:${process.env.PORT || 3000}`,
    headers: { authorization: `Bearer ${key}` },
    timeout: 30_000,
  });
  // A model queued behind another still shows its previous rebuild: this run's has another start.
  const previous = new Map(
    (await status(hub)).map(({ name, lastRebuild }) => [name, lastRebuild?.startedAt]),
  );
  const started: string[] =
    names.length === 0
      ? (await hub.post('/read-models/rebuild')).data.rebuilding
      : (await Promise.all(names.map((name) => hub.post(`/read-models/${name}/rebuild`)))).flatMap(
          ({ data }) => data.rebuilding as string[],
        );
  process.stdout.write(`rebuilding ${started.join(', ')} from the start of the store\n`);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const runs = (await status(hub))
      .filter(({ name }) => started.includes(name))
      .map(({ name, lastRebuild }) => ({
        name,
        run: lastRebuild && lastRebuild.startedAt !== previous.get(name) ? lastRebuild : undefined,
      }));
    for (const { name, run } of runs) process.stdout.write(`${line(name, run)}\n`);
    if (runs.every(({ run }) => run && run.state !== 'running')) {
      return runs.some(({ run }) => run?.state === 'failed') ? 1 : 0;
    }
  }
}

async function status(hub: AxiosInstance): Promise<ReadModelStatus[]> {
  return (await hub.get<{ readModels: ReadModelStatus[] }>('/read-models')).data.readModels;
}

function line(name: string, run: Progress | undefined): string {
  if (!run) return `${name}: waiting`;
  const count = (n: number) => n.toLocaleString('en-US');
  const total = run.eventsTotal === null ? '' : ` of ${count(run.eventsTotal)}`;
  const failure = run.error ? `: ${run.error}` : '';
  return (
    `${name}: ${run.state}, ${count(run.eventsDone)}${total} events, ` +
    `${count(run.eventsPerSecond)} events/s${failure}`
  );
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    const answer = (error as AxiosError<{ message?: string }>).response;
    const reason = answer
      ? `the hub answered ${answer.status}: ${answer.data?.message ?? JSON.stringify(answer.data)}`
      : error.message;
    process.stderr.write(`rebuild-read-models: ${reason}\n`);
    process.exit(1);
  },
);
