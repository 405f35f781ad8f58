import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ErrorCode, type ErrorDetail } from '@pioneer/shared';
import { AppException } from '../errors/app-exception.js';

function flatten(errors: ValidationError[], parent = ''): { details: ErrorDetail[]; unknown: string[] } {
  const details: ErrorDetail[] = [];
  const unknown: string[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const [rule, problem] of Object.entries(error.constraints ?? {})) {
      if (rule === 'whitelistValidation') unknown.push(path);
      details.push({ path, problem });
    }
    const nested = flatten(error.children ?? [], path);
    details.push(...nested.details);
    unknown.push(...nested.unknown);
  }
  return { details, unknown };
}

/**
 * Rejects unknown fields and wrong types with 400 and a code; never coerces
 * a wrong type into a right one.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const { details, unknown } = flatten(errors);
      if (unknown.length > 0) {
        return new AppException(ErrorCode.UNKNOWN_FIELD, `提交了系统不认识的字段：${unknown.join('、')}`, details);
      }
      return new AppException(ErrorCode.VALIDATION_FAILED, undefined, details);
    },
  });
}
