import { coerceValue, type CustomDef, customSortExpr, filterValue } from './custom-values';

const def = (type: CustomDef['type'], extra: Partial<CustomDef> = {}): CustomDef => ({
  key: 'f',
  type,
  labelZh: '字段',
  labelEn: 'Field',
  required: false,
  isUnique: false,
  defaultValue: null,
  options: [
    { key: 'a', labelZh: '甲', labelEn: 'Alpha' },
    { key: 'old', labelZh: '旧', labelEn: 'Old', retired: true },
  ],
  refKind: null,
  filterable: false,
  ...extra,
});

describe('coerceValue', () => {
  it.each([
    ['text', ' hi ', 'hi'],
    ['number', '12.5', 12.5],
    ['number', 3, 3],
    ['money', '1,200.5', 1200.5],
    ['date', '2026/3/1', '2026-03-01'],
    ['datetime', '2026-03-01T08:00:00+08:00', '2026-03-01T00:00:00.000Z'],
    ['boolean', true, true],
    ['select', 'a', 'a'],
    ['multiSelect', ['a', 'a'], ['a']],
    ['phone', '139 1234 5678', '+8613912345678'],
    ['email', 'A@B.CN', 'a@b.cn'],
    ['url', 'https://x.cn/a', 'https://x.cn/a'],
    ['user', '9F1C2D3E-0000-4000-8000-000000000001', '9f1c2d3e-0000-4000-8000-000000000001'],
  ] as const)('%s accepts %j', (type, raw, value) => {
    expect(coerceValue(def(type), raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['text', 5],
    ['number', 'x'],
    ['money', '1.234'],
    ['date', '2026-02-30'],
    ['boolean', 'yes'],
    ['select', 'zzz'],
    ['select', 'old'],
    ['multiSelect', 'a'],
    ['phone', '12'],
    ['email', 'nope'],
    ['url', 'javascript:alert(1)'],
    ['reference', "1' OR 1=1"],
  ] as const)('%s refuses %j', (type, raw) => {
    expect(coerceValue(def(type), raw).ok).toBe(false);
  });

  it('reads text the way files write it (labels, yes/no) and keeps a retired option that was already there', () => {
    expect(coerceValue(def('select'), 'Alpha', { fromText: true })).toEqual({ ok: true, value: 'a' });
    expect(coerceValue(def('boolean'), '是', { fromText: true })).toEqual({ ok: true, value: true });
    expect(coerceValue(def('multiSelect'), '甲;Alpha', { fromText: true })).toEqual({ ok: true, value: ['a'] });
    expect(coerceValue(def('select'), 'old', { previous: 'old' })).toEqual({ ok: true, value: 'old' });
    expect(coerceValue(def('text'), '')).toEqual({ ok: true, value: null });
  });

  it('filters never take empty values; sort expressions refuse non-identifiers', () => {
    expect(filterValue(def('text'), '').ok).toBe(false);
    expect(customSortExpr('l', 'tier')).toBe(`COALESCE(l.custom -> 'tier', 'null'::jsonb)`);
    expect(() => customSortExpr('l', "x'); drop table leads; --")).toThrow();
  });
});
