import { ValidationOptions, registerDecorator } from 'class-validator';

const INSTANT_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 date-time that names its offset: a bare local time is ambiguous across time zones. */
export function IsInstantWithOffset(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstantWithOffset',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00-05:00`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          INSTANT_WITH_OFFSET.test(value) &&
          !Number.isNaN(Date.parse(value)) &&
          calendarDateExists(value.slice(0, 10)),
      },
    });
}

/** Date.parse rolls 2026-02-30 over to March; a real calendar date must survive the round trip. */
export function calendarDateExists(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
