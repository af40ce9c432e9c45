import { diffRecords } from './audit.service';

describe('diffRecords', () => {
  it('lists changed fields with old and new values, dates as ISO strings', () => {
    const d1 = new Date('2026-01-01T00:00:00Z');
    const d2 = new Date('2026-02-01T00:00:00Z');
    expect(diffRecords({ name: 'a', n: 1, at: d1, tags: ['x'] }, { name: 'b', n: 1, at: d2, tags: ['x', 'y'] })).toEqual([
      { field: 'name', old: 'a', new: 'b' },
      { field: 'at', old: d1.toISOString(), new: d2.toISOString() },
      { field: 'tags', old: ['x'], new: ['x', 'y'] },
    ]);
  });

  it('never records secrets or bookkeeping columns', () => {
    const changes = diffRecords(
      { passwordHash: 'h1', version: 1, updatedAt: new Date(1), name: 'x' },
      { passwordHash: 'h2', version: 2, updatedAt: new Date(2), name: 'x' },
    );
    expect(changes).toEqual([]);
  });

  it('treats a create as every field from null', () => {
    expect(diffRecords(null, { id: 'i', email: 'a@b.c', phone: undefined })).toEqual([{ field: 'email', old: null, new: 'a@b.c' }]);
  });
});
