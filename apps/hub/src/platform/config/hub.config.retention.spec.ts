import { loadHubConfig } from './hub.config';

const DAY_MS = 86_400_000;

describe('loadHubConfig: RETENTION_DAYS', () => {
  it('keeps telemetry 35 days by default, checked every hour', () => {
    expect(loadHubConfig({}).retention).toEqual({ maxAgeMs: 35 * DAY_MS, everyMs: 3_600_000 });
  });

  it('takes a number of days and an interval between runs', () => {
    expect(
      loadHubConfig({ RETENTION_DAYS: '8', RETENTION_SCAVENGE_EVERY_MS: '60000' }).retention,
    ).toEqual({ maxAgeMs: 8 * DAY_MS, everyMs: 60_000 });
  });

  it('turns retention off with off', () => {
    expect(loadHubConfig({ RETENTION_DAYS: 'off' }).retention).toBeUndefined();
  });

  it('refuses fewer days than the 7-day views need, and anything not a whole number', () => {
    for (const days of ['7', '0', '-35', '35.5', 'thirty', 'OFF', '40000']) {
      expect(() => loadHubConfig({ RETENTION_DAYS: days })).toThrow(
        `RETENTION_DAYS must be a whole number of days from 8 (the 7-day views read a week of telemetry) to 36500, or off; got "${days}"`,
      );
    }
    expect(() => loadHubConfig({ RETENTION_SCAVENGE_EVERY_MS: '0' })).toThrow(
      /RETENTION_SCAVENGE_EVERY_MS must be an integer of at least 1/,
    );
  });
});
