import type { LineModel } from '@/features/quotes';
import type { Contract, CreateContractBody, UpdateContractBody } from '../api';

/** The contract form's model: text inputs keep decimal strings (no float rounding). */
export interface ContractModel {
  accountId: string | null;
  title: string;
  currency: string;
  amount: string;
  taxIncluded: boolean;
  discountPercent: string;
  signDate: string | null;
  startDate: string | null;
  endDate: string | null;
  paymentTerms: string;
  customerSigner: string;
  ourSignerId: string | null;
  notes: string;
  lines: LineModel[];
  /** Custom field values by key. */
  custom: Record<string, unknown>;
}

/** A decimal string without trailing zeros ("1999.5000" → "1999.5"). */
const plain = (v: string) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v);

export function blankContract(): ContractModel {
  return {
    accountId: null, title: '', currency: 'CNY', amount: '', taxIncluded: true, discountPercent: '0', signDate: null, startDate: null, endDate: null,
    paymentTerms: '', customerSigner: '', ourSignerId: null, notes: '', lines: [], custom: {},
  };
}

export function modelFromContract(c: Contract): ContractModel {
  return {
    accountId: c.accountId, title: c.title, currency: c.currency, amount: plain(c.amount), taxIncluded: c.taxIncluded, discountPercent: plain(c.discountPercent),
    signDate: c.signDate, startDate: c.startDate, endDate: c.endDate, paymentTerms: c.paymentTerms ?? '', customerSigner: c.customerSigner ?? '',
    ourSignerId: c.ourSignerId, notes: c.notes ?? '', custom: { ...(c.custom ?? {}) },
    lines: c.lines.map((l) => ({
      productId: l.productId, name: l.name, group: l.group ?? '', quantity: plain(l.quantity), unit: l.unit ?? '', unitPrice: plain(l.unitPrice),
      discountPercent: plain(l.discountPercent), taxRate: plain(l.taxRate),
    })),
  };
}

/**
 * The request body: with lines the server computes the amount (it ignores one sent), so the amount is
 * sent only for a contract without lines; empty texts become null, and on an update an empty line list
 * clears the lines.
 */
export function contractBody(m: ContractModel): CreateContractBody & UpdateContractBody {
  const hasLines = m.lines.length > 0;
  return {
    accountId: m.accountId!,
    title: m.title.trim() || undefined,
    currency: m.currency as CreateContractBody['currency'],
    ...(hasLines ? {} : { amount: m.amount.trim() || undefined }),
    taxIncluded: m.taxIncluded,
    discountPercent: m.discountPercent || '0',
    signDate: m.signDate || null,
    startDate: m.startDate || null,
    endDate: m.endDate || null,
    paymentTerms: m.paymentTerms.trim() || null,
    customerSigner: m.customerSigner.trim() || null,
    ourSignerId: m.ourSignerId || null,
    notes: m.notes.trim() || null,
    lines: m.lines.map((l) => ({
      productId: l.productId || null, name: l.name.trim() || undefined, group: l.group.trim() || null, quantity: l.quantity, unit: l.unit || null,
      unitPrice: l.unitPrice || undefined, discountPercent: l.discountPercent || '0', taxRate: l.taxRate || undefined,
    })),
  };
}

/** Whole days from `today` to the end date (negative once past), or null without an end date. Dates are `YYYY-MM-DD`. */
export function daysToEnd(endDate: string | null, today: string): number | null {
  if (!endDate) return null;
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** An active contract ending within `days` days (the renewal window): the list and detail flag it. */
export function endingSoon(c: Pick<Contract, 'status' | 'endDate'>, today: string, days = 30): boolean {
  const left = daysToEnd(c.endDate, today);
  return c.status === 'active' && left !== null && left >= 0 && left <= days;
}

/** Tag colours of the contract statuses. */
export function statusTagType(status: string): 'info' | 'warning' | 'success' | 'danger' | 'primary' {
  if (status === 'pending_approval') return 'warning';
  if (status === 'active') return 'success';
  if (status === 'terminated') return 'danger';
  return 'info';
}

export { ATTACHMENT_ACCEPT, formatBytes } from '@/api/files';
