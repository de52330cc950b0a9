import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { eventually } from '@pms-hub/testing';
import { RunningHub } from '../apps/hub/src/hub';
import { createPatientCommand } from './support/commands';
import { TEST_ADMIN_KEY, bearer, request } from './support/http';
import { startInProcessHub } from './support/in-process-hub';
import { TEST_CREDENTIALS } from './support/offices-file';

const OFFICE = 'metrics-office';
const PROM_CLIENT_DEFAULT_LINT = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
].map((gauge) => `${gauge} non-counter metrics should not have "_total" suffix`);

describe('GET /metrics (in-process hub, Dentrix simulator over HTTP, checked by promtool)', () => {
  let simulator: RunningDentrixSimulator;
  let hub: RunningHub & { dataDir: string };
  // Installs Debian's prometheus package when promtool is missing; a failure fails the suite.
  const promtool = execFileSync(join(__dirname, 'infra', 'promtool.sh'), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();

  beforeAll(async () => {
    simulator = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    hub = await startInProcessHub([
      {
        officeId: OFFICE,
        connection: { pmsType: 'dentrix', baseUrl: simulator.url, ...TEST_CREDENTIALS },
      },
    ]);
  });
  afterAll(async () => {
    await hub?.close();
    await simulator?.close();
  });

  it('exposes PMS timings, command outcomes, appended events, circuit state, projection lag and check durations', async () => {
    const office = `${hub.url}/offices/${OFFICE}`;
    // The second providers read is a cache hit: no PMS request, so no sample.
    for (const path of ['providers', 'providers', 'availability?date=2030-01-08', 'locations']) {
      expect((await request('GET', `${office}/${path}`)).status).toBe(200);
    }
    const created = await request('POST', `${hub.url}/commands`, createPatientCommand(OFFICE, 1));
    expect(created.body.status).toBe('succeeded');
    // Answers once the check is recorded, so its duration has been observed.
    expect((await request('POST', `${hub.url}/monitoring/refresh`)).status).toBeLessThan(300);

    // The health projection applies the refresh's check on its own time: lag drains to 0.
    await eventually('the health projection to catch up', async () =>
      (
        await (await fetch(`${hub.url}/metrics`, { headers: bearer(TEST_ADMIN_KEY) })).text()
      ).includes('hub_projection_lag_events{projection="office-health"} 0\n')
        ? true
        : undefined,
    );
    const scrape = await fetch(`${hub.url}/metrics`, { headers: bearer(TEST_ADMIN_KEY) });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await scrape.text();
    const sample = (series: string) => {
      const line = body.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    const pms = (operation: string) =>
      `pms_request_duration_seconds_count{office="${OFFICE}",pms="dentrix",operation="${operation}",outcome="ok"}`;

    for (const family of [
      'pms_request_duration_seconds histogram',
      'pms_circuit_state gauge',
      'hub_commands_total counter',
      'hub_events_appended_total counter',
      'hub_projection_lag_events gauge',
      'hub_monitor_check_duration_seconds histogram',
      'process_cpu_seconds_total counter',
    ]) {
      expect(body).toContain(`# TYPE ${family}\n`);
    }
    expect(sample(pms('listProviders'))).toBe(1);
    expect(sample(pms('getAvailability'))).toBe(1);
    expect(sample(pms('listLocations'))).toBe(1);
    // CreatePatient searches for existing matches first, then creates.
    expect(sample(pms('searchPatients'))).toBe(1);
    expect(sample(pms('createPatient'))).toBe(1);
    expect(sample(`pms_circuit_state{office="${OFFICE}",pms="dentrix"}`)).toBe(0);
    expect(sample('hub_commands_total{type="CreatePatient",outcome="succeeded"}')).toBe(1);
    expect(sample('hub_commands_total{type="BookAppointment",outcome="succeeded"}')).toBe(0);
    // PatientCreationRequested, then PatientCreated.
    expect(sample('hub_events_appended_total{stream_category="patient-registration"}')).toBe(2);
    expect(sample('hub_monitor_check_duration_seconds_count{pms="dentrix"}')).toBe(1);
    expect(sample('hub_projection_lag_events{projection="office-health"}')).toBe(0);
    expect(
      sample('hub_projection_lag_events{projection="office-performance"}'),
    ).toBeGreaterThanOrEqual(0);
    expect(body).not.toMatch(/First1|Last1|1980-05-05|commandId/);

    // Exit 1 is a format error. Exit 3 is lint only: accepted solely for prom-client's own
    // default gauges named `_total`, which the hub cannot rename; the hub's metrics lint clean.
    const check = spawnSync(promtool, ['check', 'metrics'], { input: body, encoding: 'utf8' });
    const complaints = (check.stdout + check.stderr).split('\n').filter(Boolean).sort();
    expect({ status: check.status, complaints }).toEqual({
      status: 3,
      complaints: PROM_CLIENT_DEFAULT_LINT,
    });
  });
});
