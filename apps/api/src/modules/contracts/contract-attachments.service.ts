import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { can } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { forbidden } from '@core/http/domain-error';
import { AttachmentBody, AttachmentsService, toAttachmentResponse, UploadedFileInput } from '@core/files/attachments.service';
import { AttachmentListResponse, AttachmentResponse } from '@core/files/dto/attachment.dto';
import { UsersService } from '@modules/admin/users/users.service';
import { ContractsService } from './contracts.service';

const KIND = 'contract';

/**
 * A contract's files (signed scans, annexes) through the shared attachments of core/files. Reading needs
 * the contract to be readable (its data scope, or its approver); adding and removing need it inside the
 * actor's scope and the contracts update grant. Every other contract's files answer 404. Adding and
 * removing are on the contract's timeline (`attach`, `detach`).
 */
@Injectable()
export class ContractAttachments {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly contracts: ContractsService,
    private readonly attachments: AttachmentsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthUser, contractId: string): Promise<AttachmentListResponse> {
    const c = await this.contracts.readable(actor, contractId);
    const rows = await this.attachments.list(KIND, c.id);
    const names = await this.users.namesByIds(rows.map((r) => r.uploadedById));
    return { data: rows.map((r) => toAttachmentResponse(r, names)) };
  }

  async add(actor: AuthUser, contractId: string, file: UploadedFileInput | undefined): Promise<AttachmentResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.contracts.inScope(actor, contractId, m);
      const a = await this.attachments.add(actor, KIND, c.id, file, m);
      await this.audit.record(m, actor, 'attach', KIND, c.id, [{ field: 'attachments', old: null, new: a.fileName }]);
      return toAttachmentResponse(a, await this.users.namesByIds([actor.id], m));
    });
  }

  async read(actor: AuthUser, contractId: string, attachmentId: string): Promise<AttachmentBody> {
    const c = await this.contracts.readable(actor, contractId);
    return this.attachments.read(KIND, c.id, attachmentId);
  }

  async remove(actor: AuthUser, contractId: string, attachmentId: string): Promise<void> {
    if (!can(actor.grants, 'contracts', 'update')) throw forbidden('contracts.update');
    await this.ds.transaction(async (m) => {
      const c = await this.contracts.inScope(actor, contractId, m);
      const a = await this.attachments.remove(KIND, c.id, attachmentId, m);
      await this.audit.record(m, actor, 'detach', KIND, c.id, [{ field: 'attachments', old: a.fileName, new: null }]);
    });
  }
}
