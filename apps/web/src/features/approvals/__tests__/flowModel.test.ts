import { describe, expect, it } from 'vitest';
import { parseValue, stepsBody, valueText } from '../composables/flowModel';

describe('flow designer model', () => {
  it('parses typed values by field type and operator', () => {
    expect(parseValue('number', 'gt', ' 15 ')).toBe(15);
    expect(parseValue('number', 'between', '10, 20')).toEqual([10, 20]);
    expect(parseValue('string', 'in', '华东，华南, ')).toEqual(['华东', '华南']);
    expect(parseValue('date', 'olderThanDays', '30')).toBe(30);
    expect(parseValue('string', 'isEmpty', 'x')).toBeUndefined();
    expect(valueText([1, 2])).toBe('1, 2');
    expect(valueText(undefined)).toBe('');
  });

  it('sends only the keys of each approver type', () => {
    const body = stepsBody([
      {
        name: ' ',
        mode: 'any',
        approvers: [
          { type: 'manager', of: '', roleKey: 'x', userIds: ['u'] },
          { type: 'role', of: null, roleKey: 'finance', userIds: [] },
          { type: 'users', of: null, roleKey: null, userIds: ['a', 'b'] },
        ],
      },
    ]);
    expect(body).toEqual([
      { name: null, mode: 'any', approvers: [{ type: 'manager', of: null }, { type: 'role', roleKey: 'finance' }, { type: 'users', userIds: ['a', 'b'] }] },
    ]);
  });
});
