/**
 * The health monitor's cost at scale, on a hub process of its own, embedded store.
 *
 *   npm run bench:monitor      (builds bench/ with the hub into .tmp/bench-build, then runs it)
 *
 * A hub (`node <build>/apps/hub/src/main.js`, Kafka off) serving BENCH_OFFICES dummy offices
 * (default 1,000) from an OFFICES_FILE. Baseline, in the same run: that hub with monitoring off
 * (MONITOR_ENABLED=off), GET /health/summary asked one request at a time, every 50 ms, for
 * BENCH_IDLE_SECONDS (default 20), after 1 s of the same not measured (a new process compiles). Measured: the hub started again on the same data dir with every
 * office checked every BENCH_INTERVAL_MS (default 3,000); after two intervals of warm-up, for
 * BENCH_SECONDS (default 60), the same requests, and the checks done in that window (the count of
 * `hub_monitor_check_duration_seconds` in GET /metrics) against those scheduled (offices × window
 * / interval), the hub's CPU (utime + stime in /proc/<pid>/stat) per 1,000 checks and in cores,
 * and its resident memory (VmRSS in /proc/<pid>/status) at its start, the window's and the end.
 * Targets: ≥ 95 % of the checks scheduled done, ≤ 0.5 core, p99 ≤ 50 ms, RSS growth ≤ 100 MiB.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from '../test/support/http';
import { HubProcess, startHubProcess } from '../test/support/hub-process';
import { officeIds } from './synthetic-history';
import { runBench, size } from './bench-env';

const OFFICES = size('BENCH_OFFICES', 1000);
const INTERVAL_MS = size('BENCH_INTERVAL_MS', 3000);
const SECONDS = size('BENCH_SECONDS', 60);
const IDLE_SECONDS = size('BENCH_IDLE_SECONDS', 20);
const SAMPLE_EVERY_MS = 50;
// Compiled to <out>/bench/, next to <out>/apps/hub/src/main.js.
const HUB_MAIN = join(__dirname, '..', 'apps', 'hub', 'src', 'main.js');
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS_PER_S = 100;

interface Sampled {
  /** Sorted, in ms. */
  readonly latencies: number[];
}

const log = (message: string) => console.error(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds the process has used, user and system. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

function rssMiB(pid: number): number {
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];
  return Number(kib) / 1024;
}

/** Health checks the monitor has timed, across PMS types. */
async function checksDone(hub: HubProcess): Promise<number> {
  const { status, body } = await request<string>('GET', `${hub.url}/metrics`);
  if (status !== 200) throw new Error(`GET /metrics answered ${status}`);
  const counts = [...body.matchAll(/^hub_monitor_check_duration_seconds_count\S* (\d+)$/gm)];
  return counts.reduce((sum, [, count]) => sum + Number(count), 0);
}

/** GET /health/summary one at a time, every SAMPLE_EVERY_MS, for `seconds`. */
async function sampleSummary(hub: HubProcess, seconds: number): Promise<Sampled> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    const { status, body } = await request('GET', `${hub.url}/health/summary`);
    latencies.push(performance.now() - started);
    if (status !== 200 || body.counts === undefined) {
      throw new Error(`GET /health/summary answered ${status}`);
    }
    await sleep(SAMPLE_EVERY_MS);
  }
  return { latencies: latencies.sort((a, b) => a - b) };
}

async function startHub(dir: string, env: Record<string, string>): Promise<HubProcess> {
  const hub = await startHubProcess(
    { DATA_DIR: join(dir, 'hub-data'), OFFICES_FILE: join(dir, 'offices.json'), ...env },
    [process.execPath, HUB_MAIN],
  );
  // A hub that failed to start is already gone; one that started must not outlive the bench.
  process.once('exit', () => void hub.kill('SIGKILL'));
  return hub;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-bench-monitor-'));
  const offices = officeIds(OFFICES).map((officeId) => ({
    officeId,
    connection: { pmsType: 'dummy' },
  }));
  writeFileSync(join(dir, 'offices.json'), JSON.stringify(offices));
  try {
    log(`baseline: ${OFFICES} offices, monitoring off, ${IDLE_SECONDS} s of GET /health/summary`);
    const idleHub = await startHub(dir, { MONITOR_ENABLED: 'off' });
    // A new process answers its first requests before their code is compiled: not measured.
    await sampleSummary(idleHub, 1);
    const idle = await sampleSummary(idleHub, IDLE_SECONDS);
    await idleHub.kill('SIGTERM');

    log(`measured: every office checked every ${INTERVAL_MS} ms`);
    const hub = await startHub(dir, { MONITOR_INTERVAL_MS: String(INTERVAL_MS) });
    const pid = hub.child.pid!;
    const rssAtStart = rssMiB(pid);
    await Promise.all([sleep(2 * INTERVAL_MS), sampleSummary(hub, 1)]);
    log(`warmed up for ${2 * INTERVAL_MS} ms; measuring for ${SECONDS} s`);
    const rssAtWindow = rssMiB(pid);
    const [checks0, cpu0, started] = [await checksDone(hub), cpuSeconds(pid), performance.now()];
    const busy = await sampleSummary(hub, SECONDS);
    const [checks1, cpu1] = [await checksDone(hub), cpuSeconds(pid)];
    const windowS = (performance.now() - started) / 1000;
    const rssAtEnd = rssMiB(pid);
    await hub.kill('SIGTERM');

    report({
      idle,
      busy,
      done: checks1 - checks0,
      scheduled: (OFFICES * windowS * 1000) / INTERVAL_MS,
      cpuS: cpu1 - cpu0,
      windowS,
      rss: [rssAtStart, rssAtWindow, rssAtEnd],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nearest rank. */
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

function report(m: {
  idle: Sampled;
  busy: Sampled;
  done: number;
  scheduled: number;
  cpuS: number;
  windowS: number;
  /** MiB: the hub listening, the window's start, its end. */
  rss: [number, number, number];
}): void {
  const cells = (...values: string[]) => values.map((value) => value.padStart(12)).join('');
  const latency = (label: string, p: number) => {
    const [idle, busy] = [percentile(m.idle.latencies, p), percentile(m.busy.latencies, p)];
    return `${label.padEnd(40)}${cells(idle.toFixed(1), busy.toFixed(1), `${(busy / idle).toFixed(2)}x`)}`;
  };
  const figure = (label: string, value: string, target?: string, met?: boolean) =>
    `${label.padEnd(40)}${value.padStart(12)}` +
    (target ? `   target ${target}: ${met ? 'met' : 'MISSED'}` : '');
  const doneShare = m.done / m.scheduled;
  const cores = m.cpuS / m.windowS;
  const growth = m.rss[2] - m.rss[0];
  const p99 = percentile(m.busy.latencies, 99);
  console.log(
    [
      '',
      `Health monitor on a hub process: ${OFFICES} dummy offices, a check each every ${INTERVAL_MS} ms, ` +
        `measured for ${m.windowS.toFixed(0)} s after a warm-up.`,
      `GET /health/summary one at a time every ${SAMPLE_EVERY_MS} ms: ${m.idle.latencies.length} ` +
        `idle, ${m.busy.latencies.length} busy.`,
      '',
      `${''.padEnd(40)}${cells('idle', 'monitoring', 'ratio')}`,
      latency('GET /health/summary median (ms)', 50),
      latency('GET /health/summary p99 (ms)', 99),
      '',
      figure('checks done / scheduled', `${m.done} / ${m.scheduled.toFixed(0)}`),
      figure('  share done', `${(doneShare * 100).toFixed(1)} %`, '≥ 95 %', doneShare >= 0.95),
      figure('hub CPU (cores)', cores.toFixed(3), '≤ 0.5', cores <= 0.5),
      figure('hub CPU per 1,000 checks (s)', ((m.cpuS / m.done) * 1000).toFixed(3)),
      figure('p99 GET /health/summary, busy (ms)', p99.toFixed(1), '≤ 50', p99 <= 50),
      figure(
        'RSS start → window → end (MiB)',
        m.rss.map((mib) => mib.toFixed(0)).join(' → '),
        '≤ 100 growth',
        growth <= 100,
      ),
      '',
      'ratio: with monitoring / idle (same offices, same data dir, monitoring off). CPU, checks and',
      'p99 over the measured window; RSS growth from the listening hub to the end of the window.',
      '',
    ].join('\n'),
  );
}

runBench(main);
