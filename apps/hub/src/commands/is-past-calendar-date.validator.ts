import { ValidationOptions, registerDecorator } from 'class-validator';
import { calendarDateExists } from './is-instant-with-offset.validator';

/** YYYY-MM-DD that exists on the calendar and is not in the future. */
export function IsPastCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPastCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be a past date as YYYY-MM-DD`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(value) &&
          calendarDateExists(value) &&
          value <= new Date().toISOString().slice(0, 10),
      },
    });
}
