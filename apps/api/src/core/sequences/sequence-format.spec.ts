import { expandSequenceFormat } from './sequence-format';

describe('expandSequenceFormat', () => {
  const at = new Date('2026-11-30T17:00:00Z'); // 2026-12-01 01:00 in Shanghai
  it.each([
    ['Q{yyyyMM}-{seq:4}', 'Asia/Shanghai', 'Q202612-#', 'Q202612-0007'],
    ['Q{yyyyMM}-{seq:4}', 'UTC', 'Q202611-#', 'Q202611-0007'],
    ['HT-{yyyy}{MM}{dd}-{seq:3}', 'Asia/Shanghai', 'HT-20261201-#', 'HT-20261201-007'],
    ['{yy}-{seq:2}', 'UTC', '26-#', '26-07'],
  ])('%s in %s', (format, tz, key, rendered) => {
    const s = expandSequenceFormat(format, at, tz);
    expect(s.key).toBe(key);
    expect(s.render(7)).toBe(rendered);
  });
  it('does not cut numbers beyond the width', () => {
    expect(expandSequenceFormat('Q{seq:2}', at, 'UTC').render(12345)).toBe('Q12345');
  });
});
