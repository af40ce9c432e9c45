import { Contact } from './contact.entity';
import { mergeContactValues } from './contact-rules';

const contact = (over: Partial<Contact>): Contact =>
  Object.assign(new Contact(), {
    accountId: 'a1',
    title: null,
    mobile: null,
    workPhone: null,
    email: null,
    wechat: null,
    birthday: null,
    gender: null,
    preferredChannel: null,
    notes: null,
    isPrimary: false,
    doNotCall: false,
    doNotEmail: false,
    doNotSms: false,
    lastActivityAt: null,
    ...over,
  });

describe('contact rules', () => {
  it('fills empty fields from the first duplicate that has them and keeps the survivor values', () => {
    const s = contact({ mobile: '+8613800000001', email: '' });
    mergeContactValues(s, [contact({ mobile: '+8613800000002', title: 'CEO' }), contact({ email: 'b@example.com', title: 'CTO' })]);
    expect(s).toMatchObject({ mobile: '+8613800000001', title: 'CEO', email: 'b@example.com', wechat: null });
  });

  it('keeps any opt-out and the latest activity', () => {
    const s = contact({ doNotSms: true, lastActivityAt: new Date('2025-01-01') });
    mergeContactValues(s, [contact({ doNotCall: true, lastActivityAt: new Date('2025-02-01') }), contact({})]);
    expect(s).toMatchObject({ doNotCall: true, doNotEmail: false, doNotSms: true, lastActivityAt: new Date('2025-02-01') });
  });

  it('takes over the primary flag only from a duplicate of the same account', () => {
    const s = contact({});
    mergeContactValues(s, [contact({ isPrimary: true, accountId: 'other' })]);
    expect(s.isPrimary).toBe(false);
    mergeContactValues(s, [contact({ isPrimary: true })]);
    expect(s.isPrimary).toBe(true);
  });
});
