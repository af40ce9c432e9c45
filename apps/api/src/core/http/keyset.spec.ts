import { cjkBigrams } from './keyset';

describe('cjkBigrams', () => {
  it('gives the overlapping 2-character pieces of each run of Chinese characters, like the SQL function', () => {
    expect(cjkBigrams('云启信息')).toEqual(['云启', '启信', '信息']);
    expect(cjkBigrams('上海云启 Emily 王芳 +8613812345678 云')).toEqual(['上海', '海云', '云启', '王芳']);
  });

  it('gives nothing for text without two adjacent Chinese characters', () => {
    expect(cjkBigrams('Emily Carter 5678')).toEqual([]);
    expect(cjkBigrams('云 启')).toEqual([]);
  });

  it('lists a repeated piece once', () => {
    expect(cjkBigrams('哈哈哈')).toEqual(['哈哈']);
  });
});
