import { streamCategoryOf } from './stream-category';

describe('streamCategoryOf', () => {
  const uuid = '6f1c2f0e-8d1a-4a5e-9d53-2f4f8b1d7a10';

  it.each([
    [`booking-${uuid}`, 'booking'],
    [`patient-registration-${uuid}`, 'patient-registration'],
    [`cancellation-${uuid}`, 'cancellation'],
    ['pms-circuit-demo-dentrix', 'pms-circuit'],
    ['pms-circuit-office-with-many-dashes', 'pms-circuit'],
    ['office-health-demo-dentrix', 'office-health'],
    ['office-traffic-demo-dentrix', 'office-traffic'],
    ['office-profile-demo-dentrix', 'office-profile'],
    ['api-keys', 'api-keys'],
    [`future-process-${uuid.toUpperCase()}`, 'future-process'],
  ])('%s → %s', (stream, category) => {
    expect(streamCategoryOf(stream)).toBe(category);
  });

  it('never turns an unknown id into a label value', () => {
    expect(streamCategoryOf('something-office-42')).toBe('other');
    expect(streamCategoryOf('plain')).toBe('other');
    expect(streamCategoryOf(uuid)).toBe('other');
  });
});
