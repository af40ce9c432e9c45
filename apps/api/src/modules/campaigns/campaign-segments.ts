import { HttpStatus, Injectable } from '@nestjs/common';
import { can, type FilterGroup } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainError } from '@core/http/domain-error';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { Campaign, CampaignSegment } from './campaign.entity';
import { CampaignErrorCode } from './campaigns.errors';
import { CampaignSegmentResponse, SegmentMember, SegmentQueryDto } from './dto/campaign.dto';

interface MemberPage {
  data: { id: string; name: string; accountName?: string | null; ownerName: string | null }[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

/**
 * A campaign's target segment: a FilterGroup run through the contacts or accounts list of their own
 * modules, with the reader's data scope, so the count is live and never shows a record the reader could
 * not list themselves.
 */
@Injectable()
export class CampaignSegments {
  constructor(
    private readonly contacts: ContactsService,
    private readonly accounts: AccountsService,
  ) {}

  /** The filter must be one the target list accepts: its 400 is reported on `targetSegment.filter…`. */
  async check(actor: AuthUser, segment: CampaignSegment): Promise<void> {
    await this.page(actor, segment, { limit: 1 });
  }

  async live(actor: AuthUser, c: Campaign, query: SegmentQueryDto): Promise<CampaignSegmentResponse> {
    const segment = c.targetSegment;
    if (!segment) return { target: null, count: 0, countIsEstimate: false, data: [], nextCursor: null };
    if (!can(actor.grants, segment.target, 'read')) {
      throw new DomainError(CampaignErrorCode.CAMPAIGN_SEGMENT_FORBIDDEN, HttpStatus.FORBIDDEN, `You may not read ${segment.target}`);
    }
    const page = await this.page(actor, segment, { limit: query.limit ?? 20, cursor: query.cursor });
    const data: SegmentMember[] = page.data.map((r) => ({ id: r.id, name: r.name, accountName: r.accountName ?? null, ownerName: r.ownerName }));
    return { target: segment.target, count: page.total, countIsEstimate: page.totalIsEstimate, data, nextCursor: page.nextCursor };
  }

  private async page(actor: AuthUser, segment: CampaignSegment, q: { limit: number; cursor?: string }): Promise<MemberPage> {
    const query = { filter: JSON.stringify(segment.filter satisfies FilterGroup), limit: q.limit, cursor: q.cursor };
    try {
      return segment.target === 'contacts' ? await this.contacts.list(actor, query) : await this.accounts.list(actor, query);
    } catch (e) {
      if (e instanceof DomainError && e.status === HttpStatus.BAD_REQUEST && e.errors?.some((f) => f.field.startsWith('filter'))) {
        const errors = e.errors.map((f) => ({ ...f, field: f.field.startsWith('filter') ? `targetSegment.${f.field}` : f.field }));
        throw new DomainError(e.code, e.status, e.message, errors, e.extra, e.i18n);
      }
      throw e;
    }
  }
}
