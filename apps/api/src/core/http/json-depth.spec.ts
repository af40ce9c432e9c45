import { jsonNestsDeeperThan } from './json-depth';

describe('jsonNestsDeeperThan', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it.each([
    ['{}', 1, false],
    ['{"a":{"b":[1,2]}}', 3, false],
    ['{"a":{"b":[1,2]}}', 2, true],
    [nested(32), 32, false],
    [nested(33), 32, true],
    [nested(5000), 32, true],
    // brackets inside strings, with escaped quotes, do not count
    [`{"a":"[[[[\\"[[[[{{{{"}`, 1, false],
    [`["\\\\",[[]]]`, 2, true],
  ])('%s (max %i) → %s', (text, max, expected) => {
    expect(jsonNestsDeeperThan(text, max)).toBe(expected);
  });
});
