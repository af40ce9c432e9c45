import { Injectable, OnModuleInit } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ContractStatus } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { SequencesService } from '@core/sequences/sequences.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { QuotesService } from '@modules/quotes/quotes.service';
import { ContractLines, ResolvedContractLine } from './contract-lines';
import { ContractRecords } from './contract-records';
import { ContractTransitions } from './contract-transitions.service';
import { Contract } from './contract.entity';
import { CONTRACT_SEQUENCE } from './contracts.service';

const DAY = 86400000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const TERMS = '合同签订后 7 个工作日内支付 50%，验收合格后 30 日内支付余款';

/**
 * Two or more contracts in every status for the demo reps' customers (order 70: after quotes): the accepted demo quotes
 * become contracts (one active, one draft), and entered contracts cover the other statuses, including one
 * large enough to wait for the manager's approval and one ending soon (the renewal reminder).
 */
@Injectable()
export class ContractsDemoSeeder implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly seeders: DemoSeeders,
    private readonly accounts: AccountsService,
    private readonly quotes: QuotesService,
    private readonly records: ContractRecords,
    private readonly lines: ContractLines,
    private readonly sequences: SequencesService,
    private readonly approvals: ApprovalsService,
    private readonly transitions: ContractTransitions,
  ) {}

  onModuleInit(): void {
    this.seeders.register(70, 'contracts', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    const accounts = await this.accounts.demoSample(m, { owned: true });
    if (!accounts.length) return;
    const reps = ['rep1@keyuan.local', 'rep2@keyuan.local', 'rep3@keyuan.local'].map((e) => ctx.users[e]).filter(Boolean);
    const anyone = Object.values(ctx.users)[0];
    const now = Date.now();
    const signer = (ownerId: string) => ({ id: ownerId, email: '', name: '', departmentId: null, departmentPath: null, scopeDepartmentIds: [], roleKeys: [], grants: [], special: [] }) as unknown as AuthUser;

    // the first accepted quote becomes an active contract; the others stay free for "create contract" (the browser test uses one)
    const accepted = await this.quotes.demoAccepted(m, 1);
    for (const [k, q] of accepted.entries()) {
      const lines: ResolvedContractLine[] = q.lines.map((l) => ({ position: l.position, groupName: l.group, productId: l.productId, name: l.name, description: l.description, unit: l.unit, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate }));
      const status: ContractStatus = k === 0 ? 'active' : 'draft'; // one today; more when the demo has more accepted quotes
      await this.make(m, status, lines, {
        name: q.name.replace(/报价$/, '合同'),
        accountId: q.accountId,
        opportunityId: q.opportunityId,
        quoteId: q.id,
        currency: q.currency,
        amount: q.grandTotal,
        taxIncluded: q.taxIncluded,
        discountPercent: q.discountPercent,
        ownerId: q.ownerId,
        departmentId: q.departmentId,
        signDate: status === 'active' ? iso(now - 5 * DAY) : null,
        startDate: iso(now + (status === 'active' ? 0 : 10) * DAY),
        endDate: iso(now + 375 * DAY),
        paymentTerms: q.paymentTerms ?? TERMS,
        customerSigner: '王芳',
        ourSignerId: q.ownerId,
      });
    }

    const plan: { status: ContractStatus; amount: string; start: number; end: number; title: string }[] = [
      { status: 'draft', amount: '86000.00', start: 15, end: 380, title: '年度软件服务合同' },
      { status: 'pending_approval', amount: '680000.00', start: 20, end: 750, title: '集团 CRM 实施项目合同' },
      { status: 'active', amount: '128000.00', start: -340, end: 25, title: '年度维保合同' },
      { status: 'active', amount: '45600.00', start: -30, end: 335, title: '增购席位合同' },
      { status: 'expired', amount: '98000.00', start: -420, end: -55, title: '上年度服务合同' },
      { status: 'terminated', amount: '36000.00', start: -200, end: 165, title: '短信套餐合同' },
      { status: 'draft', amount: '24800.00', start: 30, end: 395, title: '培训服务合同' },
      { status: 'pending_approval', amount: '520000.00', start: 45, end: 1140, title: '三年期战略合作合同' },
      { status: 'expired', amount: '15600.00', start: -500, end: -136, title: '试点项目合同' },
      { status: 'terminated', amount: '72000.00', start: -120, end: 245, title: '硬件租赁合同' },
    ];
    for (const [i, p] of plan.entries()) {
      const owner = reps[i % reps.length] ?? anyone;
      const account = accounts.find((a) => a.ownerId === owner.id) ?? accounts[i % accounts.length];
      const c = await this.make(m, p.status, [], {
        name: `${account.name} ${p.title}`,
        accountId: account.id,
        currency: 'CNY',
        amount: p.amount,
        ownerId: owner.id,
        departmentId: owner.departmentId,
        signDate: p.status === 'draft' || p.status === 'pending_approval' ? null : iso(now + (p.start - 7) * DAY),
        startDate: iso(now + p.start * DAY),
        endDate: iso(now + p.end * DAY),
        paymentTerms: TERMS,
        customerSigner: ['张伟', '李娜', '陈静'][i % 3],
        ourSignerId: owner.id,
        terminationReason: p.status === 'terminated' ? '客户业务调整，双方协商解除' : null,
      });
      if (p.status === 'pending_approval') {
        const started = await this.approvals.requireApproval('contract', await this.transitions.approvalValues(m, c), signer(owner.id), 'submit', m);
        if (!started || started.status !== 'pending') await m.getRepository(Contract).update(c.id, { status: 'active', activatedAt: new Date() });
      }
    }
  }

  private async make(m: EntityManager, status: ContractStatus, lines: ResolvedContractLine[], values: Partial<Contract>): Promise<Contract> {
    const draft = Object.assign(new Contract(), { taxIncluded: true, discountPercent: '0', ...values });
    const totals = this.lines.totals(draft, lines);
    this.lines.applyTotals(draft, lines, totals);
    const { number } = await this.sequences.next(m, CONTRACT_SEQUENCE, this.config.contractNumberFormat);
    const ended = status === 'expired' || status === 'terminated';
    const c = await this.records.store.create(
      null,
      { ...draft, number, status, activatedAt: status === 'draft' || status === 'pending_approval' ? null : new Date(), endedAt: ended ? new Date() : null } as Partial<Contract>,
      m,
    );
    await this.lines.replace(m, c.id, lines, totals);
    return c;
  }
}
