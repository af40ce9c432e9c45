import { fillFromDuplicates, latest, ownerInScope, rejectNulls } from './record-rules';

describe('record rules', () => {
  const actor = { id: 'me', departmentPath: '/sales/' };

  it('owner in scope: own → only yourself, department → your subtree, all → anyone', () => {
    const east = { id: 'u1', departmentPath: '/sales/east/' };
    const service = { id: 'u2', departmentPath: '/service/' };
    const nobody = { id: 'u3', departmentPath: null };
    expect(ownerInScope(actor, 'own', { id: 'me', departmentPath: '/sales/' })).toBe(true);
    expect(ownerInScope(actor, 'own', east)).toBe(false);
    expect(ownerInScope(actor, 'department', east)).toBe(true);
    expect(ownerInScope(actor, 'department', service)).toBe(false);
    expect(ownerInScope(actor, 'department', nobody)).toBe(false);
    expect(ownerInScope({ id: 'me', departmentPath: null }, 'department', east)).toBe(false);
    expect(ownerInScope(actor, 'all', service)).toBe(true);
    expect(ownerInScope(actor, null, { id: 'me', departmentPath: null })).toBe(false);
  });

  it('merge fills only empty fields, from the first duplicate that has a value', () => {
    type Row = { phone: string | null; email: string | null; website: string | null; industry: string | null };
    const survivor: Row = { phone: '+8613800000001', email: null, website: '', industry: null };
    const dups: Row[] = [
      { phone: '+8613800000002', email: null, website: 'a.example.com', industry: null },
      { phone: null, email: 'b@example.com', website: 'b.example.com', industry: null },
    ];
    const filled = fillFromDuplicates(survivor, dups, ['phone', 'email', 'website', 'industry']);
    expect(survivor).toEqual({ phone: '+8613800000001', email: 'b@example.com', website: 'a.example.com', industry: null });
    expect(filled).toEqual(['email', 'website']);
  });

  it('picks the latest time', () => {
    expect(latest([null, new Date('2025-01-01'), undefined, new Date('2025-03-01')])).toEqual(new Date('2025-03-01'));
    expect(latest([null, undefined])).toBeNull();
  });

  it('rejects explicit nulls for required fields', () => {
    expect(() => rejectNulls({ name: null }, ['name'])).toThrow('name cannot be null');
    expect(() => rejectNulls({ name: 'x', email: null }, ['name'])).not.toThrow();
  });
});
