import { mergedTags } from './account-rules';

describe('account rules', () => {
  it('merges tag lists keeping the survivor first, without repeats', () => {
    expect(mergedTags([['a', 'b'], ['b', 'c'], []])).toEqual(['a', 'b', 'c']);
  });
});
