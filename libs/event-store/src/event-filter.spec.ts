import { selects, unionOf } from './event-filter';

const health = { streamPrefixes: ['office-health-'], eventTypes: ['PmsHealthChecked'] };
const traffic = { streamPrefixes: ['office-traffic-'], eventTypes: ['PmsTrafficRolledUp'] };

describe('event filters', () => {
  it('selects by stream prefix and type, any when a list is empty or absent', () => {
    const checked = { streamId: 'office-health-a', type: 'PmsHealthChecked' };
    expect(selects(health, checked)).toBe(true);
    expect(selects(traffic, checked)).toBe(false);
    expect(selects({ streamPrefixes: ['office-health-'] }, checked)).toBe(true);
    expect(selects({ eventTypes: ['OfficeHealthChanged'] }, checked)).toBe(false);
    expect(selects(undefined, checked)).toBe(true);
    expect(selects({ streamPrefixes: [], eventTypes: [] }, checked)).toBe(true);
  });

  it('unites filters into one that selects whatever any of them does', () => {
    expect(unionOf([health, traffic])).toEqual({
      streamPrefixes: ['office-health-', 'office-traffic-'],
      eventTypes: ['PmsHealthChecked', 'PmsTrafficRolledUp'],
    });
    // A filter without types selects every type: so does the union.
    expect(unionOf([health, { streamPrefixes: ['office-traffic-'] }])).toEqual({
      streamPrefixes: ['office-health-', 'office-traffic-'],
    });
    expect(unionOf([health, undefined])).toEqual({});
  });
});
