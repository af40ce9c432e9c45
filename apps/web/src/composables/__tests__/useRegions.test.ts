import { describe, expect, it } from 'vitest';
import { type RawRegion, regionPath, toRegionTree } from '@/composables/useRegions';

const raw: RawRegion[] = [
  { c: '310000', n: '上海市', d: [{ c: '310115', n: '浦东新区' }, { c: '310104', n: '徐汇区' }] },
  {
    c: '440000',
    n: '广东省',
    d: [
      { c: '440100', n: '广州市', d: [{ c: '440106', n: '天河区' }, { c: '440101', n: '市辖区' }] },
      { c: '441900', n: '东莞市' },
    ],
  },
  { c: '710000', n: '台湾省' },
];

describe('region tree', () => {
  it('gives a municipality a city of its own name and drops placeholder entries', () => {
    const tree = toRegionTree(raw);
    expect(tree[0]).toEqual({
      code: '310000',
      name: '上海市',
      children: [{ code: '310000', name: '上海市', children: [{ code: '310115', name: '浦东新区' }, { code: '310104', name: '徐汇区' }] }],
    });
    expect(tree[1].children?.[0].children).toEqual([{ code: '440106', name: '天河区' }]);
    expect(tree[1].children?.[1]).toEqual({ code: '441900', name: '东莞市' });
    expect(tree[2]).toEqual({ code: '710000', name: '台湾省' });
  });

  it('stops at cities with two levels', () => {
    const tree = toRegionTree(raw, 2);
    expect(tree[1].children?.[0]).toEqual({ code: '440100', name: '广州市' });
    expect(tree[0].children?.[0]).toEqual({ code: '310000', name: '上海市' });
  });

  it('finds a stored address by names or codes, as far as the data knows it', () => {
    const tree = toRegionTree(raw);
    expect(regionPath(tree, ['广东省', '广州市', '天河区']).map((n) => n.code)).toEqual(['440000', '440100', '440106']);
    expect(regionPath(tree, ['440000', '440100']).map((n) => n.name)).toEqual(['广东省', '广州市']);
    expect(regionPath(tree, ['广东省', '深圳市']).map((n) => n.name)).toEqual(['广东省']);
  });

  it('has the real data of every province with its cities and districts', async () => {
    const { loadRegions } = await import('@/composables/useRegions');
    const tree = toRegionTree(await loadRegions());
    expect(tree.length).toBeGreaterThanOrEqual(31);
    expect(regionPath(tree, ['上海市', '上海市', '浦东新区']).length).toBe(3);
    expect(regionPath(tree, ['浙江省', '杭州市', '西湖区']).length).toBe(3);
    expect(regionPath(tree, ['北京市', '北京市', '朝阳区']).map((n) => n.code)).toEqual(['110000', '110000', '110105']);
  });
});
