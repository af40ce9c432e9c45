import type { ConvertLeadBody, Lead } from '../api';

export type AccountMode = 'create' | 'link';

export interface ConvertState {
  mode: AccountMode;
  /** The existing account to link (mode link). */
  accountId: string | null;
  account: {
    name: string;
    type: 'company' | 'individual';
    industry: string;
    level: string | null;
    phone: string;
    email: string;
    province: string;
    city: string;
  };
  /** A new account without a phone of its own takes the lead's (the server's default); false leaves it empty. */
  copyPhone: boolean;
  createContact: boolean;
  contact: { name: string; title: string; mobile: string; email: string };
  /** Also create an opportunity in the same conversion (empty fields take the server's defaults). */
  createOpportunity: boolean;
  opportunity: { name: string; amount: string; currency: string; pipelineId: string | null; stageId: string | null; expectedCloseDate: string | null };
}

/**
 * The wizard's starting point, from the lead: the company becomes the account (a lead without a
 * company becomes an individual customer) and the person its contact. Masked phones and emails
 * are left out: sending `138****5678` back would be refused; the server keeps the lead's own.
 */
export function initialConvertState(lead: Lead): ConvertState {
  const phone = lead.masked ? '' : (lead.phone ?? '');
  const email = lead.masked ? '' : (lead.email ?? '');
  return {
    mode: 'create',
    accountId: null,
    account: {
      name: lead.company?.trim() || lead.name,
      type: lead.company?.trim() ? 'company' : 'individual',
      industry: '',
      level: null,
      phone: lead.company?.trim() ? '' : phone,
      email: lead.company?.trim() ? '' : email,
      province: lead.province ?? '',
      city: lead.city ?? '',
    },
    copyPhone: true,
    createContact: true,
    contact: { name: lead.name, title: lead.title ?? '', mobile: phone, email },
    createOpportunity: false,
    opportunity: { name: '', amount: '', currency: 'CNY', pipelineId: null, stageId: null, expectedCloseDate: null },
  };
}

const text = (v: string) => v.trim() || undefined;

function compact<T extends Record<string, unknown>>(obj: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** What a wizard step is missing, as field paths (`account.name`, `accountId`, `contact.name`). */
export function missingFields(state: ConvertState, step: 'account' | 'contact'): string[] {
  if (step === 'account') {
    if (state.mode === 'link') return state.accountId ? [] : ['accountId'];
    return state.account.name.trim() ? [] : ['account.name'];
  }
  return state.createContact && !state.contact.name.trim() ? ['contact.name'] : [];
}

/** The body of POST /leads/{id}/convert for the wizard's state. */
export function buildConvertBody(state: ConvertState, lead: Pick<Lead, 'source'>): ConvertLeadBody {
  const body: ConvertLeadBody = { createContact: state.createContact };
  if (state.mode === 'link') {
    body.accountId = state.accountId ?? undefined;
  } else {
    const a = state.account;
    body.account = {
      name: a.name.trim(),
      ...(compact({
        type: a.type,
        industry: text(a.industry),
        level: a.level,
        phone: text(a.phone),
        email: text(a.email),
        province: text(a.province),
        city: text(a.city),
        source: lead.source,
      }) as Omit<NonNullable<ConvertLeadBody['account']>, 'name'>),
    };
    if (!state.copyPhone && !text(a.phone)) body.copyPhoneToAccount = false;
  }
  if (state.createContact) {
    const c = state.contact;
    body.contact = compact({ name: text(c.name), title: text(c.title), mobile: text(c.mobile), email: text(c.email) }) as ConvertLeadBody['contact'];
  }
  if (state.createOpportunity) {
    const o = state.opportunity;
    body.opportunity = compact({
      name: text(o.name),
      amount: text(o.amount),
      currency: o.currency,
      pipelineId: o.pipelineId,
      stageId: o.stageId,
      expectedCloseDate: o.expectedCloseDate,
    }) as ConvertLeadBody['opportunity'];
  }
  return body;
}
