import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EN_US } from './catalogue/en-US';
import { ZH_CN } from './catalogue/zh-CN';
import { interpolate, translate } from './translate';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

/** Every code of the per-module `*.errors.ts` enums. */
function enumCodes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return enumCodes(path);
    if (!e.name.endsWith('.errors.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/^\s+([A-Z_]+) = '/gm)].map((m) => m[1]);
  });
}

describe('server catalogue', () => {
  it('has the same keys and placeholders in zh-CN and en-US', () => {
    expect(keys(ZH_CN).sort()).toEqual(keys(EN_US).sort());
    for (const key of keys(EN_US)) {
      const [section, ...rest] = key.split('.');
      const path = rest.join('.');
      const get = (c: object) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], (c as Record<string, object>)[section]);
      expect([key, placeholders(String(get(ZH_CN)))]).toEqual([key, placeholders(String(get(EN_US)))]);
    }
  });

  it('words every code of the modules and core error enums', () => {
    const codes = enumCodes(join(__dirname, '..', '..'));
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((c) => !(c in EN_US.problems))).toEqual([]);
  });

  it('fills parameters, labels from a section, lists; a missing parameter gives undefined', () => {
    expect(translate('zh-CN', 'problems', 'NOT_FOUND', { entity: 'lead' })).toBe('线索不存在');
    expect(translate('en-US', 'problems', 'NOT_FOUND', { entity: 'lead' })).toBe('lead not found');
    expect(translate('zh-CN', 'fieldErrors', 'too_long', { field: 'name', max: 100 })).toBe('name不能超过 100 个字符');
    expect(translate('en-US', 'fieldErrors', 'invalid_enum', { field: 'status', allowed: ['new', 'contacted'] })).toBe(
      'status must be one of: new, contacted',
    );
    expect(interpolate('en-US', 'You need the {permission} permission.', {})).toBeUndefined();
    expect(translate('en-US', 'problems', 'NO_SUCH_CODE')).toBeUndefined();
  });
});
