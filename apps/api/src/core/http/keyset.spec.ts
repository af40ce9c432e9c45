import { DomainError } from './domain-error';
import { cjkBigrams, decodeCursor } from './keyset';

describe('cjkBigrams', () => {
  it('gives the overlapping 2-character pieces of each run of Chinese characters, like the SQL function', () => {
    expect(cjkBigrams('云启信息')).toEqual(['云启', '启信', '信息']);
    expect(cjkBigrams('上海云启 Emily 王芳 +8613812345678 云')).toEqual(['上海', '海云', '云启', '王芳']);
  });

  it('gives nothing for text without two adjacent Chinese characters', () => {
    expect(cjkBigrams('Emily Carter 5678')).toEqual([]);
    expect(cjkBigrams('云 启')).toEqual([]);
  });

  it('lists a repeated piece once', () => {
    expect(cjkBigrams('哈哈哈')).toEqual(['哈哈']);
  });
});

describe('decodeCursor', () => {
  const id = '0a1b2c3d-0000-4000-8000-000000000001';
  const enc = (v: unknown) => Buffer.from(JSON.stringify({ s: '-createdAt', v })).toString('base64url');
  const code = (cursor: string) => {
    try {
      decodeCursor(cursor, '-createdAt', 2);
      return null;
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('accepts strings (text, ISO dates) and numbers with an id last', () => {
    expect(decodeCursor(enc(['2025-01-01T00:00:00.000Z', id]), '-createdAt', 2)).toEqual(['2025-01-01T00:00:00.000Z', id]);
    expect(decodeCursor(enc([42, id]), '-createdAt', 2)).toEqual([42, id]);
  });

  it('refuses values of other types, a bad id, or another sort with 400 INVALID_CURSOR', () => {
    for (const v of [[{ a: 1 }, id], [[1], id], [null, id], [true, id], ['x', 'not-a-uuid'], ['x', 7], ['a\u0000b', id]]) {
      expect(code(enc(v))).toBe('INVALID_CURSOR');
    }
    expect(code(Buffer.from(JSON.stringify({ s: 'name', v: ['a', id] })).toString('base64url'))).toBe('INVALID_CURSOR');
    expect(code('%%%')).toBe('INVALID_CURSOR');
  });
});
