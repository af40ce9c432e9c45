import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QuoteStatus } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { SequencesService } from '@core/sequences/sequences.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { ProductsService } from '@modules/products/products.service';
import { QuoteLineInputDto } from './dto/quote.dto';
import { QuoteLines } from './quote-lines';
import { QuoteRecords } from './quote-records';
import { Quote } from './quote.entity';
import { QUOTE_SEQUENCE } from './quotes.service';
import { QuoteLine } from './quote-line.entity';

const STATUSES: QuoteStatus[] = ['draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'declined', 'expired'];
const TERMS = '合同签订后 7 个工作日内支付 50%，验收合格后支付余款';

/** Quotes in every status for the demo reps' customers, with catalogue lines (order 60: after accounts and products). */
@Injectable()
export class QuotesDemoSeeder implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly seeders: DemoSeeders,
    private readonly accounts: AccountsService,
    private readonly products: ProductsService,
    private readonly records: QuoteRecords,
    private readonly lines: QuoteLines,
    private readonly sequences: SequencesService,
    private readonly approvals: ApprovalsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(60, 'quotes', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const products = (await this.products.demoSample(m, 20)).filter((p) => p.active);
    const accounts = await this.accounts.demoSample(m, { owned: true });
    if (!products.length || !accounts.length) return;
    const reps = ['rep1@keyuan.local', 'rep2@keyuan.local', 'rep3@keyuan.local'].map((e) => ctx.users[e]).filter(Boolean);
    let i = 0;
    for (const status of [...STATUSES, 'draft', 'sent', 'accepted'] as QuoteStatus[]) {
      const owner = reps[i % reps.length] ?? Object.values(ctx.users)[0];
      const account = accounts.find((a) => a.ownerId === owner.id) ?? accounts[i % accounts.length];
      const picks = [products[i % products.length], products[(i + 3) % products.length], products[(i + 5) % products.length]];
      const big = status === 'pending_approval' || status === 'rejected';
      const input: QuoteLineInputDto[] = picks.map((p, k) => ({
        productId: p.id,
        quantity: String(1 + ((i + k) % 4)),
        discountPercent: big && k === 0 ? '15' : k === 1 ? '5' : '0',
        group: k < 2 ? '软件与设备' : '服务',
      }));
      const resolved = await this.lines.resolve(m, input, 'CNY');
      const draft = new Quote();
      draft.taxIncluded = true;
      draft.discountPercent = i % 3 === 0 ? '2' : '0';
      const totals = this.lines.totals(draft, resolved);
      this.lines.applyTotals(draft, totals);
      const created = new Date(Date.now() - (STATUSES.length - (i % STATUSES.length)) * 3 * 86400000);
      const { number } = await this.sequences.next(m, QUOTE_SEQUENCE, this.config.quoteNumberFormat, created);
      const validUntil = new Date(created.getTime() + (status === 'expired' ? 10 : 45) * 86400000).toISOString().slice(0, 10);
      const q = await this.records.store.create(
        null,
        {
          ...draft,
          number,
          revision: 1,
          name: `${account.name} ${resolved[0].name} 报价`,
          status,
          accountId: account.id,
          currency: 'CNY',
          validUntil,
          paymentTerms: TERMS,
          notes: '以上报价含 13% 增值税（服务类 6%），有效期内价格不变。',
          ownerId: owner.id,
          departmentId: owner.departmentId,
          sentAt: ['sent', 'accepted', 'declined', 'expired'].includes(status) ? created : null,
          decidedAt: ['accepted', 'declined', 'expired'].includes(status) ? new Date() : null,
          createdAt: created,
        } as Partial<Quote>,
        m,
      );
      await this.lines.replace(m, q.id, resolved, totals);
      if (status === 'pending_approval') {
        const actor = { id: owner.id, email: '', name: '', departmentId: owner.departmentId, departmentPath: null, scopeDepartmentIds: [], roleKeys: [], grants: [], special: [] } as AuthUser;
        const started = await this.approvals.requireApproval('quote', { id: q.id, name: `${q.number} ${q.name}`, number: q.number, currency: 'CNY', grandTotal: Number(q.grandTotal), maxLineDiscount: Number(q.maxLineDiscount), totalDiscount: Number(q.totalDiscount), taxIncluded: true, ownerId: owner.id }, actor, 'submit', m);
        if (!started || started.status !== 'pending') await m.getRepository(Quote).update(q.id, { status: 'approved' });
      }
      i++;
    }
    // the line table is what the quote detail reads; keep the planner's statistics fresh for the first requests
    await m.query(`ANALYZE ${m.getRepository(QuoteLine).metadata.tableName}`);
  }
}
