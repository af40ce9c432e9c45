import { findHits, highlightSnippet, markdownText, parseKbQuery } from './kb-search';

describe('parseKbQuery', () => {
  it.each([
    ['退款', { cjk: "'退款'", cjkTitle: "'退款':A", english: null, phrases: [] }],
    ['申请退款', { cjk: "'申请' & '请退' & '退款'", phrases: ['申请退款'] }],
    ['退', { cjk: "'退':*", cjkTitle: "'退':*A" }],
    ['Refunds invoice', { cjk: null, english: 'refunds & invoice', englishTitle: 'refunds:A & invoice:A' }],
    ['CRM 退款', { cjk: "'退款'", english: 'crm' }],
    ["it's <b> & | !x", { english: 'it & s & b & x' }],
  ])('%s', (q, expected) => {
    expect(parseKbQuery(q)).toMatchObject(expected);
  });

  it('never lets tsquery syntax through', () => {
    const p = parseKbQuery("a:* & !(b | 'c') <-> d");
    expect(p.english).toBe('a & b & c & d');
  });
});

describe('highlightSnippet', () => {
  it('marks a Chinese word inside longer text', () => {
    expect(highlightSnippet('客户如何申请退款？退款在 3 个工作日内到账。', ['退款'])).toBe('客户如何申请<mark>退款</mark>？<mark>退款</mark>在 3 个工作日内到账。');
  });

  it('marks English words by their stems', () => {
    expect(highlightSnippet('Refunding is quick: refunds arrive in 3 days.', ['refunds'], ['refund'])).toBe('<mark>Refunding</mark> is quick: <mark>refunds</mark> arrive in 3 days.');
  });

  it('escapes everything but the marks', () => {
    const s = highlightSnippet('<script>alert("退款")</script> & more', ['退款']);
    expect(s).toBe('&lt;script&gt;alert(&quot;<mark>退款</mark>&quot;)&lt;/script&gt; &amp; more');
    expect(s.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('cuts a window around the first hit', () => {
    const text = `${'很长的前文。'.repeat(40)}这里讲退款。${'后文'.repeat(100)}`;
    const s = highlightSnippet(text, ['退款'], [], 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>退款</mark>');
    expect(s.replace(/<\/?mark>|…/g, '').length).toBe(60);
  });

  it('merges overlapping hits', () => {
    expect(findHits('申请退款', ['申请退', '退款'])).toEqual([[0, 4]]);
  });
});

describe('markdownText', () => {
  it('drops markup and link targets', () => {
    expect(markdownText('# 标题\n\n- **第一步**：打开 [设置](https://x.example/a)\n\n```js\ncode()\n```')).toBe('标题 第一步 ：打开 设置 code()');
  });

  it('drops table rulers and horizontal rules', () => {
    expect(markdownText('| 事项 | 时效 |\n|:--|--:|\n| 受理 | 1 天 |\n\n---\n\n完')).toBe('事项 时效 受理 1 天 完');
  });
});
