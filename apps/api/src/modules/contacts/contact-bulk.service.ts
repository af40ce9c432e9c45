import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { bulkHandlers, runBulk } from '@core/records/bulk';
import { BulkActionDto, BulkResponseDto } from '@core/records/bulk.dto';
import { ContactsService } from './contacts.service';

/** Bulk actions on contacts (no pool, status or tags): assign through an update of the owner, delete. */
@Injectable()
export class ContactBulkService {
  constructor(private readonly contacts: ContactsService) {}

  run(user: AuthUser, dto: BulkActionDto): Promise<BulkResponseDto> {
    return runBulk(user, 'contacts', bulkHandlers({
      assign: (id, ownerId) => this.contacts.update(user, id, { ownerId }),
      delete: (id, v) => this.contacts.remove(user, id, v),
    }), dto);
  }
}
