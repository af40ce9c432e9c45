import { describe, expect, it } from 'vitest';
import { changedFields, type Settings } from '../api';

describe('changedFields', () => {
  it('sends only what differs from the loaded settings', () => {
    const before = { companyNameZh: '客源', phone: '021', timeZone: '', locale: 'zh-CN' } as unknown as Settings;
    expect(changedFields(before, { companyNameZh: '客源', phone: '010', timeZone: 'Asia/Urumqi', locale: 'zh-CN' })).toEqual({ phone: '010', timeZone: 'Asia/Urumqi' });
    expect(changedFields(before, { companyNameZh: '客源' })).toEqual({});
  });
});
