import type { AuthUser } from '../auth/auth-user';
import { maskCell, maskChanges, maskEmail, maskPhone } from './mask';

describe('masking', () => {
  it('masks Chinese mobiles as 138****5678 and other numbers keeping the tail', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskPhone('+14155550123')).toBe('+14****0123');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone(null)).toBeNull();
  });
  it('masks emails as z***@example.com', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('broken')).toBe('***');
  });

  it('masks phones and emails inside audited changes for users without viewSensitive', () => {
    const changes = [
      { field: 'phone', old: '+8613812345678', new: null },
      { field: 'email', old: null, new: 'zhang.san@example.com' },
      { field: 'name', old: 'A', new: 'B' },
    ];
    const plain = { special: [] } as unknown as AuthUser;
    expect(maskChanges(changes, plain)).toEqual([
      { field: 'phone', old: '138****5678', new: null },
      { field: 'email', old: null, new: 'z***@example.com' },
      { field: 'name', old: 'A', new: 'B' },
    ]);
    expect(maskChanges(changes, { special: ['viewSensitive'] } as unknown as AuthUser)).toBe(changes);
  });

  it('masks file cells by their field or when they look like a phone or email', () => {
    expect(maskCell('13812345678', 'phone')).toBe('138****5678');
    expect(maskCell('a@b.cn', 'email')).toBe('a***@b.cn');
    expect(maskCell('zw@example.com')).toBe('z***@example.com');
    expect(maskCell('138 1234 5678')).toBe('138****5678');
    expect(maskCell('上海云启科技', 'company')).toBe('上海云启科技');
    expect(maskCell('2024')).toBe('2024');
    expect(maskCell('')).toBe('');
  });
});
