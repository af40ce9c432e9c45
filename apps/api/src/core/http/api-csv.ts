import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ApiProblems } from './api-problems';

/** Documents a streaming CSV download endpoint. */
export const ApiCsvExport = () =>
  applyDecorators(
    ApiProduces('text/csv'),
    ApiOkResponse({ description: 'CSV file (UTF-8 with BOM)', content: { 'text/csv': { schema: { type: 'string' } } } }),
    ApiProblems(400, 401, 403),
  );
