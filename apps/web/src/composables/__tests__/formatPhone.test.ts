import { beforeAll, describe, expect, it } from 'vitest';
import { createFormatter, formatPhone, loadPhoneFormatter } from '@/composables/useFormat';

describe('formatPhone before its library has loaded', () => {
  it('shows the stored value (the view re-renders once it has loaded)', () => {
    expect(formatPhone('+8613800138000')).toBe('+8613800138000');
  });
});

describe('formatPhone', () => {
  beforeAll(() => loadPhoneFormatter());

  it.each([
    ['+8613800138000', '138 0013 8000'],
    ['13800138000', '138 0013 8000'],
    ['+862160881234', '021 6088 1234'],
    ['+8675588881234', '0755 8888 1234'],
    ['+442079460123', '+44 20 7946 0123'],
    ['+85223456789', '+852 2345 6789'],
    ['+14155552671', '+1 415 555 2671'],
  ])('shows %s as %s', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });

  it('leaves masked, partial and empty values as they are', () => {
    expect(formatPhone('138****8000')).toBe('138****8000');
    expect(formatPhone('12')).toBe('12');
    expect(formatPhone('ext. office')).toBe('ext. office');
    expect(formatPhone(null)).toBe('');
    expect(formatPhone('')).toBe('');
  });

  it('is the formatter every list and page uses', () => {
    expect(createFormatter('en-US').phone('+8613800138000')).toBe('138 0013 8000');
  });
});
