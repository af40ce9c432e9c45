import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  /** The field's path (`items[0].name` for nested ones). @example email */
  field: string;
  /**
   * Stable code to render the error by: a field code (`required`, `too_long`, `too_short`, `invalid_phone`,
   * `invalid_email`, `invalid_enum`, `not_uuid`, `invalid_date`, `invalid_datetime`, `unknown_field`, …)
   * or the problem's own code. @example too_long
   */
  code: string;
  /** The code's parameters, e.g. `{ "max": 100 }` for `too_long`, `{ "allowed": [...] }` for `invalid_enum`. */
  @ApiProperty({ required: false, type: Object, additionalProperties: true, example: { max: 100 } })
  params?: Record<string, unknown>;
  /** The same in words, in the language of `Accept-Language`. @example name must be at most 100 characters */
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class ProblemDto {
  /** @example urn:keyuan:problem:validation-failed */
  type: string;
  /** The status in words, in the language of `Accept-Language`. @example Bad Request */
  title: string;
  /** @example 400 */
  status: number;
  /** What went wrong, in the language of `Accept-Language` (zh-CN or en-US). @example The request has invalid fields. */
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

/**
 * A 409: a duplicate value or an illegal state change. The extension fields depend on `code`.
 * `matches` items follow the `DuplicateMatchDto` schema (declared by the dedupe module).
 */
export class ConflictProblemDto extends ProblemDto {
  @ApiProperty({
    required: false,
    type: 'array',
    items: { $ref: '#/components/schemas/DuplicateMatchDto' },
    description:
      'With `DUPLICATE_FOUND`: the records whose phone or email matched (outside your scope: only type and owner).',
  })
  matches?: unknown[];
  /** With `LEAD_ALREADY_CONVERTED`: the account the lead became. */
  @ApiProperty({ required: false, nullable: true, type: String, format: 'uuid' })
  convertedAccountId?: string | null;
  /** With `LEAD_ALREADY_CONVERTED`: the contact the lead became. */
  @ApiProperty({ required: false, nullable: true, type: String, format: 'uuid' })
  convertedContactId?: string | null;
  /** With `POOL_CLAIM_LIMIT`: how many records of this pool one member may hold. */
  @ApiProperty({ required: false, type: 'integer' })
  limit?: number;
  /** With `ACCOUNT_HAS_RELATED`: how many records of each kind still point at the account; with `PRODUCT_CATEGORY_IN_USE` / `KB_CATEGORY_IN_USE`: what the category still holds. */
  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: { type: 'integer' },
    example: { contacts: 2 },
  })
  related?: Record<string, number>;
  /** With `APPROVAL_PENDING`: the approval the record waits for. */
  @ApiProperty({ required: false, type: String, format: 'uuid' })
  approvalId?: string;
  /** With `POOL_CLAIM_LIMIT`: how many you hold now. */
  @ApiProperty({ required: false, type: 'integer' })
  held?: number;
  /** With `PIPELINE_STAGE_IN_USE` / `PIPELINE_IN_USE`: how many opportunities still sit in the stage or pipeline. */
  @ApiProperty({ required: false, type: 'integer' })
  count?: number;
  /** With `QUOTE_ILLEGAL_TRANSITION` / `CONTRACT_ILLEGAL_TRANSITION`: the actions the record's status allows now (`POST /quotes/{id}/<action>`, `POST /contracts/{id}/<action>`); with `KB_ILLEGAL_TRANSITION`: the statuses the article may move to. */
  @ApiProperty({ required: false, type: [String], example: ['send'] })
  allowed?: string[];
  /** With `CONTRACT_QUOTE_TAKEN`: the quote's live contract. */
  @ApiProperty({ required: false, type: String, format: 'uuid' })
  contractId?: string;
}

/** A 412: the record changed since you read it. */
export class StaleVersionProblemDto extends ProblemDto {
  /** The record's version now: reload, reapply, and send it as `If-Match`. @example 4 */
  @ApiProperty({ type: 'integer' })
  currentVersion: number;
}

/** A 422: a business rule refused the request. */
export class UnprocessableProblemDto extends ProblemDto {
  /** The values the rule names, by code: with `EXCHANGE_RATE_MISSING` the `currency` and `date` without a rate. */
  @ApiProperty({ required: false, type: Object, additionalProperties: true, example: { currency: 'USD', date: '2026-11-15' } })
  params?: Record<string, unknown>;
  /** With `CUSTOM_FIELD_LIMIT`: the most custom fields a record kind may have. */
  @ApiProperty({ required: false, type: 'integer' })
  limit?: number;
  /** With `CUSTOM_FIELD_TYPE_CHANGE`: how many stored values do not convert. */
  @ApiProperty({ required: false, type: 'integer' })
  count?: number;
  /** With `CUSTOM_FIELD_TYPE_CHANGE` / `CUSTOM_FIELD_VALUES_NOT_UNIQUE`: up to 5 offending values (`id` and `value`, or `v` and `n` repeats). */
  @ApiProperty({ required: false, type: 'array', items: { type: 'object', additionalProperties: true } })
  sample?: unknown[];
}

/** The problem schema per status when that status carries extension fields. */
export const PROBLEM_SCHEMAS: Record<number, string> = {
  409: ConflictProblemDto.name,
  412: StaleVersionProblemDto.name,
  422: UnprocessableProblemDto.name,
};
export const PROBLEM_MODELS = [
  ProblemDto,
  ConflictProblemDto,
  StaleVersionProblemDto,
  UnprocessableProblemDto,
];
