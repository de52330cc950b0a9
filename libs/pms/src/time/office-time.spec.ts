import { PmsError } from '../pms-adapter.port';
import { fromPmsLocal, toPmsLocal } from './office-time';

const NY = 'America/New_York';

describe('office time (America/New_York across daylight-saving changes)', () => {
  it('writes an instant as the office wall clock, and reads it back with the offset', () => {
    expect(toPmsLocal('2030-01-08T14:00:00Z', NY, 'x')).toBe('2030-01-08T09:00:00');
    expect(toPmsLocal('2030-07-08T09:00:00-04:00', NY, 'x')).toBe('2030-07-08T09:00:00');
    expect(fromPmsLocal('2030-07-08T09:00:00', NY)).toBe('2030-07-08T09:00:00-04:00');
  });

  it('keeps either 01:30 of the fall-back day, exactly as given', () => {
    for (const iso of ['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00']) {
      const local = toPmsLocal(iso, NY, 'x');
      expect(local).toBe('2026-11-01T01:30:00');
      expect(fromPmsLocal(local, NY, iso)).toBe(iso);
    }
    expect(fromPmsLocal('2026-11-01T01:30:00', NY)).toBe('2026-11-01T01:30:00-04:00');
  });

  it('rejects 02:30 on the spring-forward day: that hour does not exist', () => {
    expect(() => toPmsLocal('2026-03-08T02:30:00-05:00', NY, 'booking')).toThrow(
      new PmsError(
        'invalid',
        'booking: 2026-03-08T02:30:00 does not exist in America/New_York (the clocks skip that hour)',
      ),
    );
  });

  it('rejects the office offset of the wrong side of a change', () => {
    expect(() => toPmsLocal('2026-03-08T03:30:00-05:00', NY, 'booking')).toThrow(
      /has offset -05:00, but America\/New_York is at -04:00 then/,
    );
  });

  it('takes an instant in another zone for what it is', () => {
    expect(toPmsLocal('2030-07-08T15:00:00+02:00', NY, 'x')).toBe('2030-07-08T09:00:00');
    expect(toPmsLocal('2026-03-08T07:30:00Z', NY, 'x')).toBe('2026-03-08T03:30:00');
  });

  it('refuses a PMS answer at a wall-clock time the zone skips', () => {
    expect(() => fromPmsLocal('2026-03-08T02:30:00', NY)).toThrow(
      new PmsError(
        'invalid',
        'PMS time 2026-03-08T02:30:00 does not exist in America/New_York (the clocks skip it)',
      ),
    );
  });

  it('rejects what is not a time', () => {
    expect(() => toPmsLocal('tomorrow', NY, 'booking')).toThrow(/not an ISO 8601 time/);
    expect(() => fromPmsLocal('08/01/2030 9am', NY)).toThrow(/not YYYY-MM-DDTHH:mm:ss/);
  });
});
