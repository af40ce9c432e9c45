import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, DomainError } from '@core/http/domain-error';
import { Account } from './account.entity';
import { fillFromDuplicates, latest } from '@core/crud/record-rules';
import { mergedTags } from './account-rules';
import { AccountsService } from './accounts.service';
import { AccountDetailResponse, MergeAccountsDto } from './dto/account.dto';
import { AccountErrorCode } from './accounts.errors';

/** Fields the survivor of a merge takes from a duplicate when it has none. */
const FILLABLE = [
  'industry',
  'size',
  'source',
  'level',
  'phone',
  'email',
  'website',
  'province',
  'city',
  'district',
  'street',
  'parentId',
  'nextFollowUpAt',
] as const;

/** Merging duplicate accounts into one survivor. */
@Injectable()
export class AccountMergeService {
  constructor(private readonly accounts: AccountsService) {}

  /**
   * The survivor keeps its values and fills its empty fields from the duplicates (first one wins),
   * takes the union of their tags and the latest activity; subsidiaries of the duplicates move to it;
   * the duplicates are soft-deleted with a `merge` audit entry each; `account.merged` lets other
   * modules (contacts, later opportunities...) move their references in the same transaction.
   */
  async merge(actor: AuthUser, id: string, dto: MergeAccountsDto): Promise<AccountDetailResponse> {
    const dupIds = [...new Set(dto.duplicateIds)];
    if (dupIds.includes(id)) {
      throw badRequest(AccountErrorCode.ACCOUNT_MERGE_INVALID, 'duplicateIds', 'duplicateIds cannot contain the surviving account');
    }
    const { ds, store, audit, events } = this.accounts;
    await ds.transaction(async (m) => {
      // lock in id order so two merges over the same accounts cannot deadlock
      const dups: Account[] = [];
      for (const d of [...dupIds].sort()) dups.push(await store.get(actor, d, m, { lock: true }));
      dups.sort((x, y) => dupIds.indexOf(x.id) - dupIds.indexOf(y.id));
      const survivor = await store.update(
        actor,
        id,
        undefined,
        async (a) => {
          const hadParent = !!a.parentId;
          fillFromDuplicates(a, dups, FILLABLE);
          a.tags = mergedTags([a.tags, ...dups.map((d) => d.tags)]);
          a.lastActivityAt = latest([a.lastActivityAt, ...dups.map((d) => d.lastActivityAt)]);
          // a survivor that hung under one of its duplicates takes that duplicate's place
          const seen = new Set<string>();
          while (a.parentId && dupIds.includes(a.parentId) && !seen.has(a.parentId)) {
            seen.add(a.parentId);
            a.parentId = dups.find((d) => d.id === a.parentId)!.parentId;
          }
          if (a.parentId === id || (a.parentId && dupIds.includes(a.parentId))) a.parentId = null;
          if (a.parentId && !hadParent) {
            // a parent taken from a duplicate must not be one of the survivor's own subsidiaries
            await this.accounts.assertParent(m, actor, id, a.parentId).catch((e: unknown) => {
              if (!(e instanceof DomainError)) throw e;
              a.parentId = null;
            });
          }
        },
        m,
      );
      const [children]: [{ id: string; old_parent: string }[], number] = await m.query(
        `UPDATE accounts c SET parent_id = $1, version = c.version + 1, updated_at = now()
           FROM accounts old
          WHERE old.id = c.id AND c.parent_id = ANY($2) AND c.id <> $1 AND c.deleted_at IS NULL
          RETURNING c.id, old.parent_id AS old_parent`,
        [id, dupIds],
      );
      for (const c of children) {
        await audit.record(m, actor, 'update', 'account', c.id, [{ field: 'parentId', old: c.old_parent, new: id }]);
      }
      await m.softDelete(Account, { id: In(dupIds) });
      for (const d of dups) {
        await audit.record(m, actor, 'merge', 'account', d.id, [{ field: 'mergedInto', old: null, new: id }]);
        await this.accounts.syncContactPoints(m, { ...d, deletedAt: new Date() } as Account);
      }
      await audit.record(m, actor, 'merge', 'account', id, [{ field: 'mergedFrom', old: null, new: dupIds }]);
      await this.accounts.pools.endClaim(m, 'account', dupIds);
      await this.accounts.syncContactPoints(m, survivor);
      await events.emit(m, 'account.merged', { fromIds: dupIds, intoId: id });
    });
    return this.accounts.get(actor, id);
  }
}
