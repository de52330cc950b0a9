import { ValidationOptions, registerDecorator } from 'class-validator';

/** Date.parse rolls 2026-02-30 over to March; a real calendar date must survive the round trip. */
export function calendarDateExists(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

const isCalendarDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && calendarDateExists(value);

/** YYYY-MM-DD that exists on the calendar; `past` also refuses dates after today. */
export function IsCalendarDate(
  options: ValidationOptions & { past?: boolean } = {},
): PropertyDecorator {
  const { past, ...validation } = options;
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be a ${past ? 'past ' : ''}date as YYYY-MM-DD`,
        ...validation,
      },
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) && (!past || value <= new Date().toISOString().slice(0, 10)),
      },
    });
}
