import { ValidationOptions, registerDecorator } from 'class-validator';
import { calendarDateExists } from './is-calendar-date.validator';

// Milliseconds at most: what JavaScript dates, and so the PMS adapters, can carry exactly.
const INSTANT_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

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
