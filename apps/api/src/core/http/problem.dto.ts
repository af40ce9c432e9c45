import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  /** @example email */
  field: string;
  /** @example email must be a valid email address */
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class ProblemDto {
  /** @example urn:keyuan:problem:validation-failed */
  type: string;
  /** @example Bad Request */
  title: string;
  /** @example 400 */
  status: number;
  /** @example The request has invalid fields. */
  detail: string;
  /** Stable machine-readable code. @example VALIDATION_FAILED */
  code: string;
  /** @example /api/v1/users */
  instance?: string;
  /** Quote it when reporting a problem. @example 3f0c3d5e-5b7f-4a4c-9d55-0b7a1c1c2d3e */
  requestId?: string;
  @ApiProperty({ type: [FieldErrorDto], required: false })
  errors?: FieldErrorDto[];
}
