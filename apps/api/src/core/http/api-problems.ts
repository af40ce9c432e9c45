import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { PROBLEM_SCHEMAS } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` lists each wrong field',
  401: 'Missing, invalid or expired credentials',
  403: 'Your role lacks the permission',
  404: 'Not found, or outside your data scope',
  409: 'Conflict: duplicate value or illegal state change',
  412: 'Stale version: the record changed since you read it',
  413: 'The request body is larger than the server accepts',
  415: 'The request body has a media type the operation does not accept',
  422: 'A business rule refused the request',
  429: 'Too many requests; see Retry-After',
};

/** The OpenAPI response object of one problem status (also used by the document-wide defaults in openapi-normalize). */
export const problemResponse = (status: number) => ({
  description: DESCRIPTIONS[status] ?? 'Error',
  content: {
    'application/problem+json': {
      schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMAS[status] ?? 'ProblemDto'}` },
    },
  },
});

/** Documents the problem+json error responses an endpoint can answer. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
