import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` lists each wrong field',
  401: 'Missing, invalid or expired credentials',
  403: 'Your role lacks the permission',
  404: 'Not found, or outside your data scope',
  409: 'Conflict: duplicate value or illegal state change',
  412: 'Stale version: the record changed since you read it',
  422: 'A business rule refused the request',
  429: 'Too many requests; see Retry-After',
};

/** Documents the problem+json error responses an endpoint can answer. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
