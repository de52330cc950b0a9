import { HubMetrics, PROJECTION_LAG_CAP } from './hub.metrics';

describe('HubMetrics', () => {
  const families = async (metrics: HubMetrics) =>
    Object.fromEntries(
      (await metrics.registry.getMetricsAsJSON()).map((family) => [family.name, family]),
    );

  it('registers the hub families with their types and labels', async () => {
    const metrics = new HubMetrics();
    metrics.pmsRequest({ office: 'o1', pms: 'dentrix', operation: 'listProviders' }, 'ok', 0.02);
    metrics.circuitState('o1', 'dentrix', 'open');
    metrics.commandOutcome('CreatePatient', 'succeeded');
    metrics.eventsAppendedTo('booking-6f1c2f0e-8d1a-4a5e-9d53-2f4f8b1d7a10', 2);

    const all = await families(metrics);
    expect(all.pms_request_duration_seconds.type).toBe('histogram');
    expect(all.pms_circuit_state.type).toBe('gauge');
    expect(all.hub_commands_total.type).toBe('counter');
    expect(all.hub_events_appended_total.type).toBe('counter');
    expect(all.process_cpu_seconds_total).toBeDefined();

    const count = all.pms_request_duration_seconds.values.find(
      (v) => 'metricName' in v && v.metricName === 'pms_request_duration_seconds_count',
    );
    expect(count?.labels).toEqual({
      office: 'o1',
      pms: 'dentrix',
      operation: 'listProviders',
      outcome: 'ok',
    });
    expect(count?.value).toBe(1);
    expect(all.pms_circuit_state.values).toEqual([
      { labels: { office: 'o1', pms: 'dentrix' }, value: 2 },
    ]);
    expect(all.hub_events_appended_total.values).toEqual([
      { labels: { stream_category: 'booking' }, value: 2 },
    ]);
  });

  it('asks each projection for its lag at scrape time, with the cap, and times monitor checks', async () => {
    const metrics = new HubMetrics();
    const asked: number[] = [];
    let behind = 3;
    metrics.projectionLag('office-health', async (atMost) => {
      asked.push(atMost);
      return behind;
    });
    metrics.monitorCheck('dummy', 0.2);

    expect((await families(metrics)).hub_projection_lag_events.values).toEqual([
      { labels: { projection: 'office-health' }, value: 3 },
    ]);
    behind = 0;
    const all = await families(metrics);
    expect(all.hub_projection_lag_events.values).toEqual([
      { labels: { projection: 'office-health' }, value: 0 },
    ]);
    expect(asked).toEqual([PROJECTION_LAG_CAP, PROJECTION_LAG_CAP]);
    expect(all.hub_monitor_check_duration_seconds.type).toBe('histogram');
    const count = all.hub_monitor_check_duration_seconds.values.find(
      (v) => 'metricName' in v && v.metricName === 'hub_monitor_check_duration_seconds_count',
    );
    expect(count).toMatchObject({ labels: { pms: 'dummy' }, value: 1 });
  });

  it('starts every command series at zero, so rates exist before the first command', async () => {
    const { hub_commands_total } = await families(new HubMetrics());
    expect(hub_commands_total.values).toHaveLength(3 * 4);
    expect(hub_commands_total.values.every((v) => v.value === 0)).toBe(true);
    expect(hub_commands_total.values).toContainEqual({
      labels: { type: 'BookAppointment', outcome: 'pending' },
      value: 0,
    });
  });

  it('keeps each instance apart: two hubs in one process report their own numbers', async () => {
    const first = new HubMetrics();
    const second = new HubMetrics();
    first.commandOutcome('CreatePatient', 'failed');
    const text = await second.render();
    expect(text).toContain('hub_commands_total{type="CreatePatient",outcome="failed"} 0');
    expect(await first.render()).toContain(
      'hub_commands_total{type="CreatePatient",outcome="failed"} 1',
    );
    expect(second.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
