import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ApiProblems } from './api-problems';
import { XLSX_TYPE } from './xlsx-export';

/**
 * Documents a streaming download: CSV, and with `xlsx` an Excel workbook too (`format=xlsx` or Accept);
 * `localized` ones take the file's language (headers, labels, messages) from `lang` or `Accept-Language`.
 */
export const ApiCsvExport = ({ localized = true, xlsx = localized }: { localized?: boolean; xlsx?: boolean } = {}) =>
  applyDecorators(
    ApiProduces('text/csv', ...(xlsx ? [XLSX_TYPE] : [])),
    ApiOkResponse({
      description: xlsx ? 'CSV file (UTF-8 with BOM) or XLSX workbook' : 'CSV file (UTF-8 with BOM)',
      content: {
        'text/csv': { schema: { type: 'string' } },
        ...(xlsx ? { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } : {}),
      },
    }),
    ApiProblems(400, 401, 403),
    ...(localized
      ? [
          ApiHeader({
            name: 'accept-language',
            required: false,
            description: 'Language of the file (headers, option labels, messages) when `lang` is absent: zh-CN or en-US.',
          }),
        ]
      : []),
  );
