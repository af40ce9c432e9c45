import { changeTypeOf, referencedIds } from './change-types';

describe('changeTypeOf', () => {
  it.each([
    ['lead', 'ownerId', ['b1f0c3c4-0000-4000-8000-000000000001', null], { type: 'reference', ref: 'user' }],
    ['lead', 'departmentId', [null, 'b1f0c3c4-0000-4000-8000-000000000001'], { type: 'reference', ref: 'department' }],
    ['lead', 'convertedAccountId', [null, 'x'], { type: 'reference', ref: 'account' }],
    ['account', 'mergedFrom', [null, ['x']], { type: 'reference', ref: 'account' }],
    ['lead', 'status', ['new', 'converted'], { type: 'option' }],
    ['lead', 'source', ['other', 'web'], { type: 'option' }],
    ['lead', 'convertedAt', [null, '2026-11-30T08:00:00.000Z'], { type: 'datetime' }],
    ['contact', 'birthday', ['1990-01-02', null], { type: 'date' }],
    ['lead', 'score', [10, 35], { type: 'number' }],
    ['contact', 'isPrimary', [false, true], { type: 'boolean' }],
    ['account', 'tags', [[], ['VIP']], { type: 'list' }],
    ['lead', 'name', ['张三', '张三丰'], { type: 'text' }],
    ['lead', 'notes', [null, null], { type: 'text' }],
  ])('%s.%s %j → %j', (entity, field, values, expected) => {
    expect(changeTypeOf(entity, field, values)).toEqual(expected);
  });
});

describe('referencedIds', () => {
  it('takes single ids and lists, skips anything else', () => {
    const id = 'b1f0c3c4-0000-4000-8000-000000000001';
    expect(referencedIds([id, null, [id, 'short'], 3])).toEqual([id, id]);
  });
});
