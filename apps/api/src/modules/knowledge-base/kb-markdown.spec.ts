import { renderMarkdown } from './kb-markdown';

describe('renderMarkdown', () => {
  it('renders Markdown with tables, code and links that open safely', () => {
    const html = renderMarkdown('# 退款\n\n**注意** `code`\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n[帮助](https://example.com/help) 见 https://keyuan.cn/x');
    expect(html).toContain('<h1>退款</h1>');
    expect(html).toContain('<strong>注意</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="https://example.com/help" target="_blank" rel="noopener noreferrer">帮助</a>');
    expect(html).toContain('<a href="https://keyuan.cn/x" target="_blank" rel="noopener noreferrer">https://keyuan.cn/x</a>');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src="x" onerror="alert(1)">'],
    ['raw HTML with an event handler', '<div onclick="alert(1)">hi</div><iframe src="https://evil.example"></iframe>'],
    ['a javascript: link', '[x](javascript:alert(1))'],
    ['a javascript: link with entities', '[x](jav&#x61;script:alert(1))'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['a vbscript: link', '[x](vbscript:msgbox(1))'],
    ['an autolink to javascript:', '<javascript:alert(1)>'],
  ])('never lets %s through', (_name, src) => {
    const html = renderMarkdown(`before\n\n${src}\n\nafter`);
    expect(html).not.toMatch(/<(script|div|iframe)|<[a-z][^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
    expect(html).toContain('after');
  });

  it('keeps http(s) images but drops other attributes', () => {
    expect(renderMarkdown('![图](https://example.com/a.png "t")')).toBe('<p><img src="https://example.com/a.png" alt="图" title="t" /></p>\n');
  });
});
