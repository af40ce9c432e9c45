import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainError, notFound } from '@core/http/domain-error';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContractsService } from '@modules/contracts/contracts.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import { TicketsService } from '@modules/tickets/tickets.service';
import { DocumentStore } from './document-store';
import { DocumentLinkResponse, DocumentListResponse, LinkableRecordType } from './dto/document.dto';

/**
 * Links between documents and records of other modules. Whether the caller may see a record is asked of
 * the module owning it (its exported service applies its data scope): a record outside it is a 404, and the
 * documents listed for a record are only those the caller may see as well.
 */
@Injectable()
export class DocumentLinksService {
  private readonly readers: Record<LinkableRecordType, (actor: AuthUser, ids: string[]) => Promise<Set<string>>>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: DocumentStore,
    private readonly audit: AuditService,
    accounts: AccountsService,
    opportunities: OpportunitiesService,
    contracts: ContractsService,
    tickets: TicketsService,
  ) {
    const one = (check: (actor: AuthUser, id: string) => Promise<unknown>) => async (actor: AuthUser, ids: string[]) => {
      const out = new Set<string>();
      for (const id of ids) {
        try {
          await check(actor, id);
          out.add(id);
        } catch (e) {
          if (!(e instanceof DomainError) || e.status !== 404) throw e;
        }
      }
      return out;
    };
    this.readers = {
      account: (actor, ids) => accounts.readable(actor, ids),
      opportunity: (actor, ids) => opportunities.readable(actor, ids),
      contract: one((actor, id) => contracts.readable(actor, id)),
      ticket: one((actor, id) => tickets.get(actor, id)),
    };
  }

  /** 404 unless the caller may see the record (asked of its module). */
  async assertRecordVisible(actor: AuthUser, type: LinkableRecordType, id: string): Promise<void> {
    if (!(await this.readers[type](actor, [id])).has(id)) throw notFound('record');
  }

  async link(actor: AuthUser, id: string, type: LinkableRecordType, recordId: string): Promise<DocumentLinkResponse> {
    await this.assertRecordVisible(actor, type, recordId);
    return this.ds.transaction(async (m) => {
      const doc = await this.store.findManageable(actor, id, m); // 404 unseen, 403 seen but not managed
      const done = await m.query(
        `INSERT INTO document_links (document_id, record_type, record_id, created_by_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING document_id`,
        [doc.id, type, recordId, actor.id],
      );
      if (done.length) await this.audit.record(m, actor, 'link', 'document', doc.id, [{ field: 'link', old: null, new: `${type}:${recordId}` }]);
      return { recordType: type, recordId };
    });
  }

  async unlink(actor: AuthUser, id: string, type: LinkableRecordType, recordId: string): Promise<void> {
    await this.assertRecordVisible(actor, type, recordId);
    await this.ds.transaction(async (m) => {
      const doc = await this.store.findManageable(actor, id, m);
      const done = await m.query(`DELETE FROM document_links WHERE document_id = $1 AND record_type = $2 AND record_id = $3 RETURNING document_id`, [doc.id, type, recordId]);
      if (!done.length) throw notFound('document_link');
      await this.audit.record(m, actor, 'unlink', 'document', doc.id, [{ field: 'link', old: `${type}:${recordId}`, new: null }]);
    });
  }

  /** Documents linked to a record: 404 unless the caller may see the record; only the documents they may see. */
  async forRecord(actor: AuthUser, type: LinkableRecordType, recordId: string): Promise<DocumentListResponse> {
    await this.assertRecordVisible(actor, type, recordId);
    const rows = await this.store
      .visible(actor)
      .andWhere('EXISTS (SELECT 1 FROM document_links l WHERE l.document_id = d.id AND l.record_type = :__type AND l.record_id = :__rid)', { __type: type, __rid: recordId })
      .orderBy('d.updated_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(200)
      .getMany();
    return { data: await this.store.toResponses(actor, rows) };
  }

  /** The links of a document whose records the reader may see. */
  async visibleLinksOf(reader: AuthUser, documentId: string, m: EntityManager = this.ds.manager): Promise<DocumentLinkResponse[]> {
    const rows: { record_type: LinkableRecordType; record_id: string }[] = await m.query(
      `SELECT record_type, record_id FROM document_links WHERE document_id = $1 ORDER BY created_at, record_id`,
      [documentId],
    );
    const out: DocumentLinkResponse[] = [];
    for (const type of Object.keys(this.readers) as LinkableRecordType[]) {
      const ids = rows.filter((r) => r.record_type === type).map((r) => r.record_id);
      if (!ids.length) continue;
      const ok = await this.readers[type](reader, ids);
      out.push(...ids.filter((i) => ok.has(i)).map((recordId) => ({ recordType: type, recordId })));
    }
    return out;
  }
}
