import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoSeeders } from '@core/demo/demo-seeders';
import { ContractsService } from '@modules/contracts/contracts.service';
import { FinanceLedger } from './finance-ledger';
import { InvoicesService } from './invoices.service';
import { addDays, splitByPercent } from './payment-terms';
import { PaymentPlansService } from './payment-plans.service';
import { PaymentsService } from './payments.service';

const METHODS = ['bank_transfer', 'alipay', 'wechat_pay', 'cheque'] as const;

/**
 * Finance demo data (order 80: after contracts): every signed demo contract gets a 30/40/30 plan from its
 * sign date; the older ones are partly paid (the first installment in full, the second in part), so the demo
 * has paid, partly paid, overdue and pending installments, and invoices (one issued, one requested) on them.
 */
@Injectable()
export class PaymentsDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly contracts: ContractsService,
    private readonly ledger: FinanceLedger,
    private readonly plans: PaymentPlansService,
    private readonly payments: PaymentsService,
    private readonly invoices: InvoicesService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(80, 'payments', (m) => this.seed(m));
  }

  private async seed(m: EntityManager): Promise<void> {
    const today = this.ledger.today();
    const signed = await this.contracts.demoSigned(m);
    for (const [k, c] of signed.entries()) {
      const start = c.signDate ?? addDays(today, -5);
      // an installment a month, two and four months after signing
      const dues = [addDays(start, 30), addDays(start, 60), addDays(start, 120)];
      const amounts = splitByPercent(c.amount, ['30', '40', '30']);
      const l = await this.ledger.lock(m, c);
      await this.plans.insert(m, null, l, dues.map((dueDate, i) => ({ dueDate, amount: amounts[i], percent: ['30', '40', '30'][i] })));
      if (dues[0] > today) continue; // not due yet: left pending (the browser test records a payment on one)
      const method = METHODS[k % METHODS.length];
      await this.payments.recordIn(m, null, c, { contractId: c.id, amount: amounts[0], receivedDate: dues[0], method, referenceNumber: `DEMO${String(k + 1).padStart(4, '0')}01` });
      // the second installment partly paid: the rest is overdue once its date has passed
      const part = (Number(amounts[1]) / 2).toFixed(2);
      await this.payments.recordIn(m, null, c, { contractId: c.id, amount: part, receivedDate: dues[0] < today ? addDays(dues[0], 3) : today, method: 'bank_transfer', referenceNumber: `DEMO${String(k + 1).padStart(4, '0')}02` });
      const title = { buyerTitle: `${c.title.split(' ')[0]}`.slice(0, 200) };
      const issued = await this.invoices.createIn(m, null, c, { contractId: c.id, type: 'e_invoice', amount: amounts[0], taxRate: '6', ...title });
      await m.query(`UPDATE invoices SET status = 'issued', issue_date = $2 WHERE id = $1`, [issued, dues[0]]);
      await this.invoices.createIn(m, null, c, { contractId: c.id, type: 'vat_general', amount: part, taxRate: '13', ...title });
    }
  }
}
