import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, '..');
const LOCALES = ['zh-CN', 'en-US'];

function flatten(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function keysOf(locale: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(root, locale)).filter((f) => f.endsWith('.json'))) {
    const feature = file.replace(/\.json$/, '');
    const data = JSON.parse(readFileSync(join(root, locale, file), 'utf8'));
    for (const key of flatten(data)) {
      out.set(`${feature}.${key}`, key.split('.').reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, data) as unknown as string);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' || e.name === 'locales' ? [] : sourceFiles(path);
    return /\.(vue|ts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('locales', () => {
  const keys = Object.fromEntries(LOCALES.map((l) => [l, keysOf(l)]));

  it('zh-CN and en-US have the same files and the same keys', () => {
    expect(readdirSync(join(root, 'zh-CN')).sort()).toEqual(readdirSync(join(root, 'en-US')).sort());
    const zh = [...keys['zh-CN'].keys()].sort();
    const en = [...keys['en-US'].keys()].sort();
    expect(zh.filter((k) => !en.includes(k)), 'keys only in zh-CN').toEqual([]);
    expect(en.filter((k) => !zh.includes(k)), 'keys only in en-US').toEqual([]);
  });

  it('every message is a non-empty string with the same {placeholders} in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, en] of keys['en-US']) {
      const zh = keys['zh-CN'].get(key);
      expect(typeof en === 'string' && en.length > 0, `en-US ${key}`).toBe(true);
      expect(typeof zh === 'string' && zh.length > 0, `zh-CN ${key}`).toBe(true);
      expect(placeholders(zh!), key).toEqual(placeholders(en));
      // vue-i18n reads @ and | as syntax: a literal one breaks the message.
      expect(/[@|]/.test(en) || /[@|]/.test(zh!), `${key} contains @ or |`).toBe(false);
    }
  });

  it('every literal key the code uses exists', () => {
    const used = new Map<string, string>();
    const pattern = /(?:\$t|\bt|\bte)\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'|(?:titleKey|labelKey|label):\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g;
    for (const file of sourceFiles(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) used.set(m[1] ?? m[2], relative(src, file));
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !keys['en-US'].has(key)).map(([k, f]) => `${k} (${f})`);
    expect(missing).toEqual([]);
  });
});
