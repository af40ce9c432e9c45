import { describe, expect, it } from 'vitest';
import { categoryOptions, helpfulShare, kbCategoryTree, parseTags, safeSnippet } from '../composables/kbLogic';

const flat = [
  { id: 'a', name: '售后服务', nameEn: 'After-sales', parentId: null, depth: 0, articleCount: 1 },
  { id: 'b', name: '退款', nameEn: null, parentId: 'a', depth: 1, articleCount: 2 },
  { id: 'c', name: '发票', nameEn: 'Invoices', parentId: 'b', depth: 2, articleCount: 3 },
  { id: 'd', name: '安装', nameEn: 'Installation', parentId: null, depth: 0, articleCount: 0 },
];

describe('kbCategoryTree', () => {
  it('nests the flat list and counts each subtree', () => {
    const tree = kbCategoryTree(flat, 'en-US');
    expect(tree.map((n) => [n.label, n.count])).toEqual([
      ['After-sales', 6],
      ['Installation', 0],
    ]);
    expect(tree[0].children[0]).toMatchObject({ label: '退款', count: 5 });
    expect(tree[0].children[0].children[0]).toMatchObject({ label: 'Invoices', count: 3 });
    expect(kbCategoryTree(flat, 'zh-CN')[0].label).toBe('售后服务');
  });
});

describe('categoryOptions', () => {
  it('indents by depth and leaves out a category with its subtree (no moving below itself)', () => {
    expect(categoryOptions(flat, 'zh-CN').map((o) => o.label)).toEqual(['售后服务', '\u3000退款', '\u3000\u3000发票', '安装']);
    expect(categoryOptions(flat, 'zh-CN', 'b').map((o) => o.value)).toEqual(['a', 'd']);
  });
});

describe('safeSnippet', () => {
  it('keeps the server marks', () => {
    expect(safeSnippet('如何申请<mark>退款</mark> &amp; 发票')).toBe('如何申请<mark>退款</mark> &amp; 发票');
  });
  it('turns any other markup into text', () => {
    const out = safeSnippet('<img src=x onerror=alert(1)><mark>ok</mark><script>x</script><mark onclick="y">');
    expect(out).toBe('&lt;img src=x onerror=alert(1)&gt;<mark>ok</mark>&lt;script&gt;x&lt;/script&gt;&lt;mark onclick=&quot;y&quot;&gt;');
    const div = document.createElement('div');
    div.innerHTML = out;
    expect([...div.querySelectorAll('*')].map((e) => e.tagName)).toEqual(['MARK']);
  });
  it('is empty without a snippet', () => {
    expect(safeSnippet(null)).toBe('');
  });
});

describe('parseTags / helpfulShare', () => {
  it('splits on Chinese and English separators', () => {
    expect(parseTags('退款，发票; invoice,退款 ,')).toEqual(['退款', '发票', 'invoice']);
  });
  it('rounds the helpful share', () => {
    expect(helpfulShare(2, 1)).toBe(67);
    expect(helpfulShare(0, 0)).toBeNull();
  });
});
