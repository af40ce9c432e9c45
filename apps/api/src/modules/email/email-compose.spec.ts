import { classifySmtpFailure, htmlToText, parseMessageIds, replyReferences, replySubject, retryDelaySec, safeHtml } from './email-compose';

describe('email compose rules', () => {
  it('sanitizes HTML and derives text', () => {
    const html = safeHtml('<p onclick="x()">您好 <b>张三</b></p><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="https://a.b/c.png">');
    expect(html).not.toMatch(/script|onclick|javascript/);
    expect(html).toContain('<img src="https://a.b/c.png" />');
    expect(htmlToText('<p>Hi &amp; welcome</p><p>line<br>two</p>')).toBe('Hi & welcome\nline\ntwo');
  });

  it.each([
    ['报价', 'Re: 报价'],
    ['Re: 报价', 'Re: 报价'],
    ['RE：报价', 'RE：报价'],
    ['回复: 报价', '回复: 报价'],
  ])('reply subject %j → %j', (s, r) => expect(replySubject(s)).toBe(r));

  it('builds References and reads Message-IDs', () => {
    expect(replyReferences(['<a@x>', '<b@x>'], '<c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    const long = Array.from({ length: 30 }, (_, i) => `<${i}@x>`);
    const r = replyReferences(long, '<p@x>');
    expect(r).toHaveLength(20);
    expect([r[0], r[19]]).toEqual(['<0@x>', '<p@x>']);
    expect(parseMessageIds('<a@x> <b@y>')).toEqual(['<a@x>', '<b@y>']);
    expect(parseMessageIds(undefined)).toEqual([]);
  });

  it.each([
    [450, 1, { kind: 'retry', code: 'smtp_4xx' }],
    [421, 5, { kind: 'failed', code: 'smtp_4xx' }],
    [550, 1, { kind: 'failed', code: 'smtp_5xx' }],
    [null, 1, { kind: 'retry', code: 'connection' }],
  ] as const)('reply %s after %i tries', (code, attempts, outcome) => expect(classifySmtpFailure(code, attempts, 5)).toEqual(outcome));

  it('backs off', () => expect([1, 2, 3, 4, 9].map(retryDelaySec)).toEqual([60, 300, 900, 3600, 3600]));
});
