import { CONTACT_POINT_LOCK_BUCKETS, lockBuckets } from './contact-point-locks';

describe('lockBuckets', () => {
  it('maps the same value to the same bucket and answers distinct buckets in ascending order', () => {
    const keys = ['phone:+8613800000001', 'email:a@example.com', 'phone:+8613800000002'];
    const buckets = lockBuckets([...keys, ...keys]);
    expect(buckets).toEqual(lockBuckets([...keys].reverse()));
    expect(buckets).toEqual([...new Set(buckets)].sort((a, b) => a - b));
    expect(lockBuckets(['phone:+8613800000001'])).toHaveLength(1);
  });

  it('takes a bounded number of locks however many values an import batch has', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `phone:+86138${String(i).padStart(8, '0')}`);
    const buckets = lockBuckets(keys);
    expect(buckets.length).toBeLessThanOrEqual(CONTACT_POINT_LOCK_BUCKETS);
    expect(buckets.every((b) => Number.isInteger(b) && b >= 0 && b < CONTACT_POINT_LOCK_BUCKETS)).toBe(true);
  });

  it('answers no bucket for no value', () => {
    expect(lockBuckets([])).toEqual([]);
  });
});
