import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CONTRACT_STATUSES } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DomainError } from '@core/http/domain-error';
import { ContractFacts, ContractsService } from '@modules/contracts/contracts.service';
import { PaymentErrorCode } from './payments.errors';

/** A contract's finance ledger row (payments-owned): the lock and the running totals. */
export interface LedgerRow {
  contract_id: string;
  account_id: string;
  contract_number: string;
  contract_title: string;
  currency: string;
  amount: string;
  received: string;
  invoiced: string;
  rate_date: string;
  owner_id: string | null;
  department_id: string | null;
}

/** Statuses of a signed contract (finance works on those only). */
export const SIGNED_STATUSES = CONTRACT_STATUSES.filter((s) => !['draft', 'pending_approval'].includes(s));

/** The business date (YYYY-MM-DD) of `at` in the time zone. */
export function businessDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * The ledger row of a contract (`finance_ledgers`, one per contract, owned by this module): a copy of the
 * contract's facts finance needs (amount and currency never change once signed) with the received and
 * invoiced totals. Every payment and invoice of a contract locks this row FOR UPDATE first, so two at once
 * queue on it and the second sees the first's total: no overshoot, and a single lock order (no deadlock).
 * The contracts table itself is never read here: contracts come from ContractsService.
 */
@Injectable()
export class FinanceLedger {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly contracts: ContractsService,
  ) {}

  today(): string {
    return businessDate(new Date(), this.config.timezone);
  }

  /** The contract in the actor's finance scope (404 otherwise), signed (422 PAYMENT_CONTRACT_NOT_SIGNED otherwise). */
  async signedContract(actor: AuthUser | null, contractId: string, m: EntityManager): Promise<ContractFacts> {
    const c = await this.contracts.factsInScope(actor, contractId, 'payments', m);
    if (!SIGNED_STATUSES.includes(c.status)) {
      throw new DomainError(
        PaymentErrorCode.PAYMENT_CONTRACT_NOT_SIGNED,
        422,
        `Finance starts when the contract is signed; it is ${c.status}`,
        undefined,
        { params: { status: c.status } },
        { params: { status: c.status } },
      );
    }
    return c;
  }

  /** The contract if it is in the actor's finance scope, signed or not (404 otherwise). */
  contractInScope(actor: AuthUser, contractId: string): Promise<ContractFacts> {
    return this.contracts.factsInScope(actor, contractId, 'payments');
  }

  /** Creates the ledger row of a contract if missing, then locks it (inside the caller's transaction). */
  async lock(m: EntityManager, c: ContractFacts): Promise<LedgerRow> {
    const rateDate =
      c.signDate ?? (c.activatedAt ? businessDate(c.activatedAt, this.config.timezone) : this.today());
    await m.query(
      `INSERT INTO finance_ledgers (contract_id, account_id, contract_number, contract_title, currency, amount, rate_date, owner_id, department_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (contract_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, department_id = EXCLUDED.department_id, contract_title = EXCLUDED.contract_title
         WHERE finance_ledgers.owner_id IS DISTINCT FROM EXCLUDED.owner_id OR finance_ledgers.department_id IS DISTINCT FROM EXCLUDED.department_id
            OR finance_ledgers.contract_title IS DISTINCT FROM EXCLUDED.contract_title`,
      [c.id, c.accountId, c.number, c.title, c.currency, c.amount, rateDate, c.ownerId, c.departmentId],
    );
    // the contract changed hands since (normally already followed on record.ownerChanged): its open installments follow
    await this.followInstallments(m, c);
    const [row]: LedgerRow[] = await m.query(
      `SELECT contract_id, account_id, contract_number, contract_title, currency, amount::text AS amount, received::text AS received,
              invoiced::text AS invoiced, to_char(rate_date, 'YYYY-MM-DD') AS rate_date, owner_id, department_id
         FROM finance_ledgers WHERE contract_id = $1 FOR UPDATE`,
      [c.id],
    );
    return row;
  }

  /**
   * The contract changed hands (`record.ownerChanged`): its ledger, open installments, payments and invoices
   * take the new owner and department at once, inside the transfer's transaction.
   */
  async follow(m: EntityManager, contractId: string): Promise<ContractFacts> {
    const c = await this.contracts.factsInScope(null, contractId, 'payments', m);
    await m.query(
      `UPDATE finance_ledgers SET owner_id = $2, department_id = $3, updated_at = now(), version = version + 1
        WHERE contract_id = $1 AND (owner_id IS DISTINCT FROM $2 OR department_id IS DISTINCT FROM $3)`,
      [c.id, c.ownerId, c.departmentId],
    );
    await this.followInstallments(m, c);
    for (const table of ['payments', 'invoices']) {
      await m.query(
        `UPDATE ${table} SET owner_id = $2, department_id = $3, updated_at = now()
          WHERE contract_id = $1 AND (owner_id IS DISTINCT FROM $2 OR department_id IS DISTINCT FROM $3)`,
        [c.id, c.ownerId, c.departmentId],
      );
    }
    return c;
  }

  private async followInstallments(m: EntityManager, c: ContractFacts): Promise<void> {
    await m.query(
      `UPDATE payment_installments SET owner_id = $2, department_id = $3, updated_at = now(), version = version + 1
        WHERE contract_id = $1 AND deleted_at IS NULL AND received < amount
          AND (owner_id IS DISTINCT FROM $2 OR department_id IS DISTINCT FROM $3)`,
      [c.id, c.ownerId, c.departmentId],
    );
  }

  /**
   * `AND <column> IN (contracts in the actor's finance scope)` for raw SQL, its parameters numbered from
   * `$next`; empty for a scope of everything.
   */
  scope(actor: AuthUser, column: string, next: number): { sql: string; params: unknown[] } {
    const f = this.contracts.scopeFilter(actor, 'payments');
    if (!f) return { sql: '', params: [] };
    const params: unknown[] = [];
    const names = new Map<string, number>();
    const sql = f.sql.replace(/:(__[a-zA-Z]+)/g, (_all, name: string) => {
      if (!names.has(name)) {
        names.set(name, next + params.length);
        params.push(f.params[name]);
      }
      return `$${names.get(name)}`;
    });
    return { sql: ` AND ${column} IN (${sql})`, params };
  }
}
