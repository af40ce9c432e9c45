import { describe, expect, it } from 'vitest';
import type { Lead } from '@/features/leads/api';
import { buildConvertBody, initialConvertState, missingFields } from '@/features/leads/composables/convertWizard';

const lead = (over: Partial<Lead> = {}): Lead =>
  ({
    id: 'l-1',
    name: '王小明',
    company: '杭州数联网络科技有限公司',
    title: '采购经理',
    phone: '+8613912345678',
    email: 'wang@example.com',
    source: 'web',
    status: 'qualified',
    province: '浙江省',
    city: '杭州市',
    masked: false,
    ...over,
  }) as Lead;

describe('convert wizard', () => {
  it('starts with a company account from the lead and a contact for the person', () => {
    const state = initialConvertState(lead());
    expect(state.mode).toBe('create');
    expect(state.account).toMatchObject({ name: '杭州数联网络科技有限公司', type: 'company', phone: '', province: '浙江省', city: '杭州市' });
    expect(state.createContact).toBe(true);
    expect(state.contact).toEqual({ name: '王小明', title: '采购经理', mobile: '+8613912345678', email: 'wang@example.com' });
  });

  it('makes a lead without a company an individual customer with its phone and email', () => {
    const state = initialConvertState(lead({ company: null }));
    expect(state.account).toMatchObject({ name: '王小明', type: 'individual', phone: '+8613912345678', email: 'wang@example.com' });
  });

  it('never sends masked values back (the server keeps the lead\'s own)', () => {
    const state = initialConvertState(lead({ company: null, masked: true, phone: '139****5678', email: 'w***@example.com' }));
    expect(state.account.phone).toBe('');
    expect(state.contact.mobile).toBe('');
    const body = buildConvertBody(state, lead());
    expect(body.account).not.toHaveProperty('phone');
    expect(body.contact).toEqual({ name: '王小明', title: '采购经理' });
  });

  it('builds the body for a new account and contact, leaving out empty fields', () => {
    const state = initialConvertState(lead());
    state.account.industry = '  软件  ';
    state.account.level = 'A';
    expect(buildConvertBody(state, lead())).toEqual({
      createContact: true,
      account: { name: '杭州数联网络科技有限公司', type: 'company', industry: '软件', level: 'A', province: '浙江省', city: '杭州市', source: 'web' },
      contact: { name: '王小明', title: '采购经理', mobile: '+8613912345678', email: 'wang@example.com' },
    });
  });

  it('links an existing account, without a contact', () => {
    const state = initialConvertState(lead());
    state.mode = 'link';
    state.accountId = 'a-9';
    state.createContact = false;
    expect(buildConvertBody(state, lead())).toEqual({ createContact: false, accountId: 'a-9' });
  });

  it('names what each step still needs', () => {
    const state = initialConvertState(lead());
    state.account.name = ' ';
    expect(missingFields(state, 'account')).toEqual(['account.name']);
    state.mode = 'link';
    expect(missingFields(state, 'account')).toEqual(['accountId']);
    state.accountId = 'a-1';
    expect(missingFields(state, 'account')).toEqual([]);
    state.contact.name = '';
    expect(missingFields(state, 'contact')).toEqual(['contact.name']);
    state.createContact = false;
    expect(missingFields(state, 'contact')).toEqual([]);
  });
});

describe('the account phone option', () => {
  it('asks the server to leave the new account without the lead\'s phone only when unticked and no phone is typed', () => {
    const lead = { id: 'l-1', name: '王小明', company: '云启', title: null, phone: '+8613912345678', email: null, masked: false, province: null, city: null, source: 'web' } as never;
    const state = initialConvertState(lead);
    expect(buildConvertBody(state, { source: 'web' }).copyPhoneToAccount).toBeUndefined();
    state.copyPhone = false;
    expect(buildConvertBody(state, { source: 'web' }).copyPhoneToAccount).toBe(false);
    state.account.phone = '021 5555 0000';
    expect(buildConvertBody(state, { source: 'web' })).toMatchObject({ account: { phone: '021 5555 0000' } });
    expect(buildConvertBody(state, { source: 'web' }).copyPhoneToAccount).toBeUndefined();
  });

  it('adds the opportunity only when asked, leaving empty fields to the server', () => {
    const state = initialConvertState(lead());
    expect(buildConvertBody(state, lead()).opportunity).toBeUndefined();
    state.createOpportunity = true;
    state.opportunity.amount = ' 50000 ';
    state.opportunity.stageId = 's-2';
    expect(buildConvertBody(state, lead()).opportunity).toEqual({ amount: '50000', currency: 'CNY', stageId: 's-2' });
  });
});
