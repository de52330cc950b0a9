import { fromPmsLocal } from './time/office-time';

/**
 * Checks a vendor answer field by field before mapping. Messages name fields, never values, so
 * they are safe to log.
 */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

export type VendorRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown, what: string): VendorRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedResponseError(`${what} is not a JSON object`);
  }
  return value as VendorRecord;
}

export function requiredString(record: VendorRecord, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '')
    throw new MalformedResponseError(`missing ${field}`);
  return value;
}

export function optionalString(record: VendorRecord, field: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new MalformedResponseError(`${field} is not a string`);
  return value;
}

export function requiredNumber(record: VendorRecord, field: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MalformedResponseError(`missing ${field}`);
  }
  return value;
}

export function requiredArray(record: VendorRecord, field: string): readonly unknown[] {
  const value = record[field];
  if (!Array.isArray(value)) throw new MalformedResponseError(`missing ${field} list`);
  return value;
}

export function requiredStrings(record: VendorRecord, field: string): string[] {
  const values = requiredArray(record, field);
  if (!values.every((value) => typeof value === 'string')) {
    throw new MalformedResponseError(`${field} is not a list of strings`);
  }
  return values as string[];
}

/** An office-local wall-clock time as an instant; `prefer` picks one of a repeated hour. */
export function requiredOfficeTime(
  record: VendorRecord,
  field: string,
  zone: string,
  prefer?: string,
): string {
  const local = requiredString(record, field);
  try {
    return fromPmsLocal(local, zone, prefer);
  } catch {
    // Unparseable, or a time the office's clock skips: either way not one we can place.
    throw new MalformedResponseError(`${field} is not an office-local time`);
  }
}
