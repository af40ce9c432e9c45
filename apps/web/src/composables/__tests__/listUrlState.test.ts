import { describe, expect, it } from 'vitest';
import { decodeFilter, encodeFilter, queryFromState, sameQuery, stateFromQuery } from '../listUrlState';

const group = { match: 'all' as const, conditions: [{ field: 'lastActivityAt', op: 'olderThanDays' as const, value: 30 }, { field: 'company', op: 'contains' as const, value: '杭州' }] };

describe('list URL state', () => {
  it('round-trips search, sort, simple filters, the advanced filter and the view', () => {
    const state = { q: ' 张 ', sort: '-score', filters: { status: 'new', scoreFrom: 10, scoreTo: 80, createdAtFrom: '2026-01-01', isPrimary: true, ownerId: ['a', 'b'], city: '' }, filter: group, view: 'v1' };
    const query = queryFromState(state, '-createdAt');
    expect(query).toMatchObject({ q: '张', sort: '-score', status: 'new', scoreFrom: '10', scoreTo: '80', createdAtFrom: '2026-01-01', isPrimary: 'true', ownerId: ['a', 'b'], view: 'v1' });
    expect(query.city).toBeUndefined();
    // what the router hands back after a reload
    const back = stateFromQuery(JSON.parse(JSON.stringify(query)));
    expect(back).toEqual({ q: '张', sort: '-score', filters: { status: 'new', scoreFrom: 10, scoreTo: 80, createdAtFrom: '2026-01-01', isPrimary: true, ownerId: ['a', 'b'] }, filter: group, view: 'v1' });
  });

  it('leaves the default sort and empty state out of the URL', () => {
    expect(queryFromState({ q: '', sort: '-createdAt', filters: {}, filter: { match: 'all', conditions: [] }, view: null }, '-createdAt')).toEqual({});
  });

  it('encodes the advanced filter as base64url JSON the API reads, Chinese included', () => {
    const encoded = encodeFilter(group)!;
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))))).toEqual(group);
    expect(decodeFilter(encoded)).toEqual(group);
    expect(decodeFilter(JSON.stringify(group))).toEqual(group);
  });

  it('drops an unreadable filter instead of failing the page', () => {
    expect(decodeFilter('%%%')).toBeNull();
    expect(decodeFilter(encodeFilter(group)!.slice(0, 10))).toBeNull();
    expect(decodeFilter(btoa(JSON.stringify({ match: 'some', conditions: [] })))).toBeNull();
    expect(stateFromQuery({ filter: 'nonsense', sort: '' })).toMatchObject({ filter: null, sort: null });
  });

  it('compares queries regardless of key order', () => {
    expect(sameQuery({ a: '1', b: ['x'] }, { b: ['x'], a: '1', c: undefined })).toBe(true);
    expect(sameQuery({ a: '1' }, { a: '2' })).toBe(false);
  });
});
