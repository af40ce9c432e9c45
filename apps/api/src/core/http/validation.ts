import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { toFieldErrors } from './field-errors';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Global validation: whitelist, reject unknown fields, transform, and report every bad field (one error each, with a code). */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // the target lets field-errors.ts read a constraint's arguments (`@MaxLength(100)` → params.max)
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new BadRequestException({ errors: toFieldErrors(errors) }),
  });
}
