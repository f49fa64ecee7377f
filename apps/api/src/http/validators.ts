import { ACCOUNT_NO_PATTERN, checkUscc, normalizeAccountNo, USCC_PROBLEM_MESSAGES } from '@huiqi/common';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** Trims strings; leaves every other type alone so type validators still report it. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** USCC with its GB 32100-2015 check character; upper-cases before checking. */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))(
      target,
      propertyName,
    );
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkUscc(value).valid,
        defaultMessage: (args: ValidationArguments) => {
          if (typeof args.value !== 'string') return `${args.property} must be a string`;
          const result = checkUscc(args.value);
          return result.problem
            ? USCC_PROBLEM_MESSAGES[result.problem]
            : `${args.property} is not a valid USCC`;
        },
      },
    });
  };
}

/** A bank account number: 9-30 digits once spaces and dashes are removed. */
export function IsBankAccountNo(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    Transform(({ value }) => (typeof value === 'string' ? normalizeAccountNo(value) : value))(
      target,
      propertyName,
    );
    registerDecorator({
      name: 'isBankAccountNo',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ACCOUNT_NO_PATTERN.test(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be 9-30 digits`,
      },
    });
  };
}
