import { suggestMapping } from './mapping';

const FIELDS = [
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['联系人'] },
  { key: 'phone', zh: '手机', en: 'Phone', aliases: ['手机号码', 'mobile'] },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['e-mail'] },
  { key: 'externalId', zh: '外部编号', en: 'External ID' },
];

describe('suggestMapping', () => {
  it('recognises Chinese and English headers, case and punctuation aside', () => {
    expect(suggestMapping(['姓名', '手机号码', 'E-Mail', 'external_id', '备注'], FIELDS)).toEqual({
      姓名: 'name',
      手机号码: 'phone',
      'E-Mail': 'email',
      external_id: 'externalId',
    });
    expect(suggestMapping(['Name ', 'Mobile'], FIELDS)).toEqual({ 'Name ': 'name', Mobile: 'phone' });
  });
  it('maps each field once, to the first column', () => {
    expect(suggestMapping(['Phone', '手机'], FIELDS)).toEqual({ Phone: 'phone' });
  });
});
