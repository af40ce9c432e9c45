import { Injectable, PipeTransform } from '@nestjs/common';
import { badRequest } from '@core/http/domain-error';
import { LINKABLE_RECORD_TYPES, LinkableRecordType } from './dto/document.dto';
import { DocumentErrorCode } from './documents.errors';

/** A record type documents can be linked to (400 `DOCUMENT_RECORD_TYPE` on `recordType` otherwise). */
@Injectable()
export class ParseRecordTypePipe implements PipeTransform<string, LinkableRecordType> {
  transform(value: string): LinkableRecordType {
    if (!(LINKABLE_RECORD_TYPES as readonly string[]).includes(value)) {
      throw badRequest(DocumentErrorCode.DOCUMENT_RECORD_TYPE, 'recordType', `recordType must be one of ${LINKABLE_RECORD_TYPES.join(', ')}`);
    }
    return value as LinkableRecordType;
  }
}
