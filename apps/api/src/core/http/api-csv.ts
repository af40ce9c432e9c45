import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ApiProblems } from './api-problems';

/** Documents a streaming CSV download endpoint; `localized` ones take the header row's language from `Accept-Language`. */
export const ApiCsvExport = ({ localized = true }: { localized?: boolean } = {}) =>
  applyDecorators(
    ApiProduces('text/csv'),
    ApiOkResponse({
      description: 'CSV file (UTF-8 with BOM)',
      content: { 'text/csv': { schema: { type: 'string' } } },
    }),
    ApiProblems(400, 401, 403),
    ...(localized
      ? [
          ApiHeader({
            name: 'accept-language',
            required: false,
            description: 'Language of the header row when `lang` is absent (zh-CN or en-US).',
          }),
        ]
      : []),
  );
