/**
 * Hub start-up with many offices in OFFICES_FILE, in this process.
 *
 *   npm run bench:offices      (builds bench/ with the hub into .tmp/bench-build, then runs it, at the repo root)
 *
 * startHub (apps/hub/src/hub.ts) with an embedded store in a temp dir, monitor off, Kafka off, the
 * master key generated in the data dir, and BENCH_OFFICES Dentrix offices (default 2000) all
 * pointing at one in-process Dentrix simulator: Dentrix offices have credentials, so each one's
 * are stored on the first start (a `dummy` office stores none). Measured: the first start (every
 * office registered: credentials stored, OfficeRegistered appended) and a second start on the same
 * data dir (every office read back, nothing recorded), from the call to startHub to the hub
 * listening. Baseline, in the same run: the same two starts with 1 office, the median of
 * BENCH_BASELINE_RUNS (default 3). A first start of 1 office before anything is measured warms
 * the process up (module loading, JIT).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDentrixSimulator } from '@pms-hub/pms-simulators';
import { OfficeConfig } from '../apps/hub/src/offices/office-config';
import { startHub } from '../apps/hub/src/hub';
import { testHubConfig } from '../test/support/in-process-hub';
import { TEST_CREDENTIALS } from '../test/support/offices-file';
import { runBench, size } from './bench-env';

const N = size('BENCH_OFFICES', 2000, 2);
const BASELINE_RUNS = size('BENCH_BASELINE_RUNS', 3);

const log = (message: string) => console.error(`[bench] ${message}`);

interface Starts {
  /** ms from startHub to a listening hub. */
  readonly first: number;
  readonly second: number;
  /** ms to close the hub after the first start (it waits for the circuit changes recorded). */
  readonly firstClose: number;
}

async function main(): Promise<void> {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pms-hub-bench-offices-'));
    dirs.push(dir);
    return dir;
  };
  const simulator = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
  try {
    const offices = (n: number): OfficeConfig[] =>
      Array.from({ length: n }, (_, i) => ({
        officeId: `office-${String(i).padStart(5, '0')}`,
        timeZone: 'America/New_York',
        connection: { pmsType: 'dentrix', baseUrl: simulator.url, ...TEST_CREDENTIALS },
      }));

    log('warm-up: a first start with 1 office, not measured');
    await twoStarts(tempDir(), offices(1));
    const baselines: Starts[] = [];
    for (let run = 1; run <= BASELINE_RUNS; run++) {
      log(`baseline ${run}/${BASELINE_RUNS}: 1 office, first start then second start`);
      baselines.push(await twoStarts(tempDir(), offices(1)));
    }
    log(`${N} offices: first start then second start`);
    const dir = tempDir();
    const many = await twoStarts(dir, offices(N));
    const stored = Object.keys(
      JSON.parse(readFileSync(join(dir, 'credentials.enc.json'), 'utf8')).offices,
    ).length;
    if (stored !== N) throw new Error(`${stored} offices' credentials stored, not ${N}`);
    report(median(baselines), many, simulator.state.requestCounts.size);
  } finally {
    await simulator.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function twoStarts(dataDir: string, offices: readonly OfficeConfig[]): Promise<Starts> {
  const first = await timedStart(dataDir, offices);
  const closing = performance.now();
  await first.close();
  const firstClose = performance.now() - closing;
  const second = await timedStart(dataDir, offices);
  await second.close();
  return { first: first.ms, second: second.ms, firstClose };
}

async function timedStart(dataDir: string, offices: readonly OfficeConfig[]) {
  const start = performance.now();
  const hub = await startHub(testHubConfig(dataDir), offices, ['warn', 'error']);
  const ms = performance.now() - start;
  const unserved = hub.summary.filter((line) => line.includes('NOT SERVED'));
  if (unserved.length > 0) throw new Error(`offices not served:\n${unserved.join('\n')}`);
  return { ms, close: () => hub.close() };
}

function median(runs: readonly Starts[]): Starts {
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    first: middle(runs.map((r) => r.first)),
    second: middle(runs.map((r) => r.second)),
    firstClose: middle(runs.map((r) => r.firstClose)),
  };
}

function report(one: Starts, many: Starts, simulatorRoutes: number): void {
  const cells = (...values: string[]) => values.map((value) => value.padStart(14)).join('');
  const row = (label: string, b: number, m: number) =>
    `${label.padEnd(30)}${cells(b.toFixed(0), m.toFixed(0), `${(m / b).toFixed(1)}x`, ((m - b) / (N - 1)).toFixed(2))}`;
  console.log(
    [
      '',
      `Hub start-up, in process: embedded store, monitor and Kafka off, Dentrix offices on one`,
      `in-process simulator (${simulatorRoutes} of its routes called). Baseline: 1 office, median of ` +
        `${BASELINE_RUNS}.`,
      '',
      `${''.padEnd(30)}${cells('1 office', `${N} offices`, 'ratio', 'ms/office')}`,
      row('first start (ms)', one.first, many.first),
      row('second start, same data (ms)', one.second, many.second),
      row('close after first start (ms)', one.firstClose, many.firstClose),
      '',
      `ratio: time(${N}) / time(1); ms/office: (time(${N}) - time(1)) / ${N - 1}, what each office adds.`,
      'First start: per office, its credentials read (none) and stored (puts during a file replace',
      'share the next one), its stream read and OfficeRegistered appended (fsync), up to 16 offices',
      "at once; then the catalog reads every office back. Second start: every office's credentials",
      'and stream read, nothing written. Close after the first start waits for the circuit-closed',
      'events recorded for each new adapter.',
      '',
    ].join('\n'),
  );
}

runBench(main);
