import { isValidIdNumber } from '@pioneer/shared';
import { IsISO8601, Matches, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** class-transformer helpers for DTOs: trim text (and upper-case it) before it is validated. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, YYYY-MM-DD, that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, key) => {
    Matches(DATE_ONLY, { message: `${String(key)} must be a date as YYYY-MM-DD`, ...options })(target, key);
    IsISO8601({ strict: true }, options)(target, key);
  };
}

/** Not before the date in `property` of the same object (ISO dates compare as strings). */
export function IsNotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBefore',
      constraints: [property],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          return typeof value !== 'string' || typeof other !== 'string' || value >= other;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be before ${property}`,
      },
    },
    options,
  );
}

/** An 18-character resident ID number with a correct GB 11643 check digit. */
export function IsResidentIdNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isResidentIdNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidIdNumber(value),
        defaultMessage: () => 'idNumber must be a valid 18-character resident ID number',
      },
    },
    options,
  );
}
