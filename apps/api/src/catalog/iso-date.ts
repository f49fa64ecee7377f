import { isIsoDate } from '@huiqi/policies';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** A real calendar date `YYYY-MM-DD`. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a date YYYY-MM-DD`,
      },
    });
}
