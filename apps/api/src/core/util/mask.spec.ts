import { maskEmail, maskPhone } from './mask';

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
});
