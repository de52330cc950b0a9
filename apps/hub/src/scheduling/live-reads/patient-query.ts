import { PatientSearch } from '@pms-hub/pms';

/**
 * One search box, as a front desk types it: a date of birth, a phone number, "Last" or
 * "First Last". PMS searches need fields, so the words are read in that order.
 */
export function patientSearchOf(q: string): PatientSearch {
  const text = q.trim().replace(/\s+/g, ' ');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { dateOfBirth: text };
  if (/^\+?[\d ()-]{7,20}$/.test(text)) return { phone: text };
  const words = text.split(' ');
  return words.length === 1
    ? { lastName: words[0] }
    : { firstName: words[0], lastName: words.slice(1).join(' ') };
}
