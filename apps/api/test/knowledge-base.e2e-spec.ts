import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Article = { id: string; version: number; revision: number; status: string; title: string; snippet: string | null; bodyHtml: string; allowedStatuses: string[]; viewCount: number };

/**
 * Knowledge base: category tree and its 409, article status rules, version history, votes under parallel
 * requests, view counts, sanitized rendering, Chinese + English search with ranking and snippets, the public
 * help center, permissions and bad input.
 */
describe('knowledge base (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let agent: U;
  let rep: U;
  const ids: Record<string, string> = {};

  const post = async (body: object, who: Record<string, string> = bearer(agent.token)) => (await t.http.post('/api/v1/kb/articles').set(who).send(body).expect(201)).body as Article;
  const search = async (q: string, who = bearer(rep.token), extra = '') =>
    (await t.http.get(`/api/v1/kb/articles?q=${encodeURIComponent(q)}${extra}`).set(who).expect(200)).body as { data: Article[]; total: number; totalIsEstimate: boolean; nextCursor: string | null };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: '周客服' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('keeps categories as a tree: subtree filter, no cycles, 409 with counts when not empty', async () => {
    const mk = async (body: object) => (await t.http.post('/api/v1/kb/categories').set(bearer(agent.token)).send(body).expect(201)).body as { id: string; depth: number };
    const service = await mk({ name: '售后服务', nameEn: 'After-sales', position: 1 });
    const refunds = await mk({ name: '退款与发票', nameEn: 'Refunds and invoices', parentId: service.id });
    const install = await mk({ name: '安装部署', nameEn: 'Installation', position: 2 });
    Object.assign(ids, { service: service.id, refunds: refunds.id, install: install.id });
    expect(refunds.depth).toBe(1);
    const a = await post({ title: '发票开具说明', body: '开票需要提供税号。', categoryId: refunds.id });
    await post({ title: '安装前准备', body: '准备服务器。', categoryId: install.id });
    const tree = (await t.http.get('/api/v1/kb/categories').set(bearer(rep.token)).expect(200)).body.data as { id: string; articleCount: number }[];
    expect(tree.map((c) => c.id)).toEqual([service.id, refunds.id, install.id]);
    expect(tree.find((c) => c.id === refunds.id)!.articleCount).toBe(1);
    const under = (await t.http.get(`/api/v1/kb/articles?categoryId=${service.id}`).set(bearer(rep.token)).expect(200)).body.data as Article[];
    expect(under.map((x) => x.id)).toEqual([a.id]);
    expect((await t.http.patch(`/api/v1/kb/categories/${service.id}`).set(bearer(agent.token)).send({ parentId: refunds.id }).expect(400)).body.code).toBe('KB_CATEGORY_CYCLE');
    expect((await t.http.delete(`/api/v1/kb/categories/${service.id}`).set(bearer(agent.token)).expect(409)).body).toMatchObject({ code: 'KB_CATEGORY_IN_USE', related: { articles: 0, categories: 1 } });
    expect((await t.http.delete(`/api/v1/kb/categories/${refunds.id}`).set(bearer(agent.token)).expect(409)).body).toMatchObject({ code: 'KB_CATEGORY_IN_USE', related: { articles: 1, categories: 0 } });
    const empty = await mk({ name: '空分类' });
    const renamed = (await t.http.patch(`/api/v1/kb/categories/${empty.id}`).set(bearer(agent.token)).set('If-Match', '1').send({ nameEn: 'Empty' }).expect(200)).body;
    expect(renamed).toMatchObject({ nameEn: 'Empty', version: 2 });
    await t.http.patch(`/api/v1/kb/categories/${empty.id}`).set(bearer(agent.token)).set('If-Match', '1').send({ nameEn: 'x' }).expect(412);
    await t.http.delete(`/api/v1/kb/categories/${empty.id}`).set(bearer(agent.token)).expect(204);
    expect(((await t.http.get('/api/v1/kb/categories').set(bearer(rep.token)).expect(200)).body.data as { id: string }[]).some((c) => c.id === empty.id)).toBe(false);
  });

  it('moves status only along allowed transitions (409 with the allowed ones) and 412 on a stale version', async () => {
    const a = await post({ title: '状态测试', body: 'x' });
    expect(a).toMatchObject({ status: 'draft', allowedStatuses: ['published', 'archived'], visibility: 'internal', authorName: '周客服' });
    const pub = (await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(bearer(agent.token)).set('If-Match', String(a.version)).send({ status: 'published' }).expect(200)).body;
    expect(pub).toMatchObject({ status: 'published', allowedStatuses: ['draft', 'archived'] });
    expect(pub.publishedAt).toBeTruthy();
    await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(bearer(agent.token)).set('If-Match', String(a.version)).send({ status: 'archived' }).expect(412);
    await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(bearer(agent.token)).send({ status: 'archived' }).expect(200);
    const bad = await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(bearer(agent.token)).set('Accept-Language', 'zh-CN').send({ status: 'published' }).expect(409);
    expect(bad.body).toMatchObject({ code: 'KB_ILLEGAL_TRANSITION', allowed: ['draft'] });
    expect(bad.body.detail).toContain('当前允许');
    const audit = (await t.http.get(`/api/v1/audit-logs?entityType=kb_article&entityId=${a.id}`).set(admin).expect(200)).body.data as { action: string }[];
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'update', 'update']);
  });

  it('keeps the previous version on each save that changes title, summary or body', async () => {
    const a = await post({ title: '版本一', summary: '摘要一', body: '正文 **一**' });
    const v2 = (await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(bearer(agent.token)).send({ body: '正文 **二**' }).expect(200)).body as Article;
    expect(v2.revision).toBe(2);
    // a tag-only save is no new version
    const tagged = (await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(bearer(agent.token)).send({ tags: ['测试'] }).expect(200)).body as Article;
    expect(tagged.revision).toBe(2);
    await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(admin).send({ title: '版本三' }).expect(200);
    const list = (await t.http.get(`/api/v1/kb/articles/${a.id}/versions`).set(bearer(rep.token)).expect(200)).body.data as { number: number; title: string; editedByName: string }[];
    expect(list.map((v) => [v.number, v.title])).toEqual([
      [2, '版本一'],
      [1, '版本一'],
    ]);
    expect(list[1].editedByName).toBe('周客服');
    const first = (await t.http.get(`/api/v1/kb/articles/${a.id}/versions/1`).set(bearer(rep.token)).expect(200)).body;
    expect(first).toMatchObject({ number: 1, body: '正文 **一**', bodyHtml: '<p>正文 <strong>一</strong></p>\n', summary: '摘要一' });
    const current = (await t.http.get(`/api/v1/kb/articles/${a.id}/versions/3`).set(bearer(rep.token)).expect(200)).body;
    expect(current).toMatchObject({ number: 3, title: '版本三', replacedAt: null });
    expect((await t.http.get(`/api/v1/kb/articles/${a.id}/versions/9`).set(bearer(rep.token)).expect(404)).body.code).toBe('KB_VERSION_NOT_FOUND');
    await t.http.get(`/api/v1/kb/articles/${a.id}/versions/x`).set(bearer(rep.token)).expect(400);
  });

  it('counts views with one UPDATE and keeps vote counts exact under parallel votes', async () => {
    const a = await post({ title: '投票测试', body: 'x', status: 'published' });
    const views = await Promise.all(Array.from({ length: 10 }, () => t.http.post(`/api/v1/kb/articles/${a.id}/view`).set(bearer(rep.token))));
    expect(views.every((r) => r.status === 200)).toBe(true);
    const after = (await t.http.get(`/api/v1/kb/articles/${a.id}`).set(bearer(rep.token)).expect(200)).body;
    expect(after).toMatchObject({ viewCount: 10, version: a.version }); // reading is not an edit
    const voters = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser(t, org, { role: i % 2 ? 'sales_rep' : 'service_agent', departmentId: org.depts.east })));
    const first = await Promise.all(voters.map((u, i) => t.http.post(`/api/v1/kb/articles/${a.id}/vote`).set(bearer(u.token)).send({ helpful: i < 6 })));
    expect(first.every((r) => r.status === 200)).toBe(true);
    // the same user many times in parallel, and changes of mind in parallel
    const again = await Promise.all([
      ...Array.from({ length: 5 }, () => t.http.post(`/api/v1/kb/articles/${a.id}/vote`).set(bearer(voters[0].token)).send({ helpful: true })),
      t.http.post(`/api/v1/kb/articles/${a.id}/vote`).set(bearer(voters[1].token)).send({ helpful: false }),
      t.http.post(`/api/v1/kb/articles/${a.id}/vote`).set(bearer(voters[6].token)).send({ helpful: true }),
      t.http.delete(`/api/v1/kb/articles/${a.id}/vote`).set(bearer(voters[2].token)),
    ]);
    expect(again.every((r) => r.status === 200)).toBe(true);
    const final = (await t.http.get(`/api/v1/kb/articles/${a.id}`).set(bearer(voters[1].token)).expect(200)).body;
    // helpful: 0, 3, 4, 5, 6 → 5; not helpful: 1, 7 → 2
    expect(final).toMatchObject({ helpfulCount: 5, notHelpfulCount: 2, myVote: false, version: a.version });
    await t.http.post(`/api/v1/kb/articles/${a.id}/vote`).set(bearer(rep.token)).send({ helpful: 'yes' }).expect(400);
  });

  it('renders Markdown on the server and never lets script, event handlers or javascript: URLs through', async () => {
    const body = '# 标题\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1)) [好链接](https://example.com)\n\n<b onclick="x()">raw</b>';
    const a = await post({ title: '安全渲染', body });
    const got = (await t.http.get(`/api/v1/kb/articles/${a.id}`).set(bearer(rep.token)).expect(200)).body as Article & { body: string };
    expect(got.body).toBe(body);
    expect(got.bodyHtml).toContain('<h1>标题</h1>');
    expect(got.bodyHtml).not.toMatch(/<script|<img|<b\b|href="javascript|<[a-z][^>]*\son\w+=/i);
    expect(got.bodyHtml).toContain('&lt;script&gt;');
    expect(got.bodyHtml).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">好链接</a>');
    const preview = (await t.http.post('/api/v1/kb/preview').set(bearer(agent.token)).send({ body }).expect(200)).body;
    expect(preview.html).toBe(got.bodyHtml);
  });

  describe('search', () => {
    beforeAll(async () => {
      const mk = (title: string, body: string, summary?: string) => post({ title, body, summary, status: 'published', visibility: 'public' });
      ids.refundTitle = (await mk('如何申请退款', '在订单详情页点击申请，财务审核后原路退回。')).id;
      ids.refundBody = (await mk('订单常见问题', '如果客户对服务不满意，可以在七天内提交退款申请，我们会尽快处理。')).id;
      ids.refundSummary = (await mk('售后政策总览', '本政策适用于所有付费版本。', '包含退款、换货和维修的规则。')).id;
      ids.invoice = (await mk('发票开具', '开具增值税专用发票需要提供税号。')).id;
      ids.enTitle = (await mk('Refund policy', 'Customers may ask for their money back within 7 days.')).id;
      ids.enBody = (await mk('Billing FAQ', 'Refunding an order takes three working days. Refunds go back to the original card.')).id;
      ids.enOther = (await mk('Installing the desktop client', 'Download the installer and run it. <b>Admin rights</b> are needed.')).id;
      ids.internal = (await post({ title: '退款内部流程', body: '内部退款审批：先找财务经理。', status: 'published', visibility: 'internal' })).id;
      ids.draft = (await post({ title: '退款草稿', body: '未发布的退款说明', visibility: 'public' })).id;
    });

    it('finds a 2-character Chinese word inside longer text, title matches first, with marked snippets', async () => {
      const res = await search('退款');
      const got = res.data.map((a) => a.id);
      expect(got).toEqual(expect.arrayContaining([ids.refundTitle, ids.refundBody, ids.refundSummary, ids.internal, ids.draft]));
      expect(got).not.toContain(ids.invoice);
      const titleHits = [ids.refundTitle, ids.internal, ids.draft];
      expect(new Set(got.slice(0, 3))).toEqual(new Set(titleHits));
      const body = res.data.find((a) => a.id === ids.refundBody)!;
      expect(body.snippet).toContain('可以在七天内提交<mark>退款</mark>申请');
      expect(res.data.find((a) => a.id === ids.refundSummary)!.snippet).toBe('包含<mark>退款</mark>、换货和维修的规则。');
      // filters combine with the search
      expect((await search('退款', bearer(rep.token), '&visibility=public&status=published')).data.map((a) => a.id).sort()).toEqual([ids.refundTitle, ids.refundBody, ids.refundSummary].sort());
    });

    it('matches a 4-character phrase as a phrase', async () => {
      const res = await search('申请退款');
      expect(res.data.map((a) => a.id)).toEqual([ids.refundTitle]);
      // 退款申请 has the same pieces in another order: only the article that says it
      expect((await search('退款申请')).data.map((a) => a.id)).toEqual([ids.refundBody]);
      expect((await search('退款申请')).data[0].snippet).toContain('<mark>退款申请</mark>');
    });

    it('matches English words by their stems, title first, and escapes the snippet', async () => {
      const res = await search('refunds');
      expect(res.data.map((a) => a.id)).toEqual([ids.enTitle, ids.enBody]);
      expect(res.data[1].snippet).toBe('<mark>Refunding</mark> an order takes three working days. <mark>Refunds</mark> go back to the original card.');
      const inst = await search('installation');
      expect(inst.data.map((a) => a.id)).toEqual([ids.enOther]);
      expect(inst.data[0].snippet).toContain('&lt;b&gt;Admin rights&lt;/b&gt;');
      expect(inst.data[0].snippet).toContain('<mark>installer</mark>');
    });

    it('pages ranked results with a cursor and sorts on request', async () => {
      const p1 = await search('退款', bearer(rep.token), '&limit=2');
      expect(p1.data).toHaveLength(2);
      const p2 = (await t.http.get(`/api/v1/kb/articles?q=${encodeURIComponent('退款')}&limit=2&cursor=${p1.nextCursor}`).set(bearer(rep.token)).expect(200)).body as { data: Article[]; nextCursor: string };
      const p3 = (await t.http.get(`/api/v1/kb/articles?q=${encodeURIComponent('退款')}&limit=2&cursor=${p2.nextCursor}`).set(bearer(rep.token)).expect(200)).body as { data: Article[] };
      const all = [...p1.data, ...p2.data, ...p3.data].map((a) => a.id);
      expect(new Set(all).size).toBe(5);
      expect(all).toEqual((await search('退款')).data.map((a) => a.id));
      const byTitle = await search('退款', bearer(rep.token), '&sort=title');
      expect(byTitle.data.map((a) => a.title)).toEqual([...byTitle.data.map((a) => a.title)].sort());
      expect(byTitle.data[0].snippet).toBeTruthy();
      await t.http.get('/api/v1/kb/articles?sort=-viewCount&tag=x').set(bearer(rep.token)).expect(200);
      // only stop words or punctuation: nothing, not an error; one Chinese character matches where it starts a piece
      expect((await search('the')).data).toEqual([]);
      expect((await search('!!!')).data).toEqual([]);
      expect((await search('发')).data.map((a) => a.id)).toContain(ids.invoice);
      expect((await t.http.get('/api/v1/kb/articles?q=x&cursor=bad').set(bearer(rep.token)).expect(400)).body.code).toBe('INVALID_CURSOR');
    });

    it('ranks in tiers: title hits, then summary hits, then body matches, the most viewed first within a tier', async () => {
      const view = (id: string) => t.http.post(`/api/v1/kb/articles/${id}/view`).set(bearer(rep.token)).expect(200);
      await view(ids.internal);
      await view(ids.internal);
      await view(ids.draft);
      await view(ids.refundBody);
      await view(ids.refundBody);
      await view(ids.refundBody);
      const expected = [ids.internal, ids.draft, ids.refundTitle, ids.refundSummary, ids.refundBody];
      const res = await search('退款');
      expect(res.data.map((a) => a.id)).toEqual(expected);
      expect(res).toMatchObject({ total: 5, totalIsEstimate: false, nextCursor: null });
      // one at a time: the cursor carries (tier, views, id) across the tiers
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = await search('退款', bearer(rep.token), `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.data.map((a) => a.id));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(expected);
      // the public list ranks the same way over its own rows
      const pub = (await t.http.get(`/api/v1/public/kb/articles?q=${encodeURIComponent('退款')}`).expect(200)).body as { data: { id: string }[] };
      expect(pub.data.map((a) => a.id)).toEqual([ids.refundTitle, ids.refundSummary, ids.refundBody]);
    });

    it('suggests published articles for a ticket subject (any visibility)', async () => {
      const res = (await t.http.get(`/api/v1/kb/suggestions?subject=${encodeURIComponent('客户说退款一直没到账')}`).set(bearer(agent.token)).expect(200)).body as { id: string }[];
      const got = res.map((s) => s.id);
      expect(got).toEqual(expect.arrayContaining([ids.refundTitle, ids.internal]));
      expect(got).not.toContain(ids.draft);
    });

    it('the help center shows only published public articles, without login', async () => {
      const list = (await t.http.get('/api/v1/public/kb/articles?limit=200').expect(200)).body as { data: { id: string }[] };
      const got = list.data.map((a) => a.id);
      expect(got).toEqual(expect.arrayContaining([ids.refundTitle, ids.enTitle]));
      expect(got).not.toContain(ids.internal);
      expect(got).not.toContain(ids.draft);
      const q = (await t.http.get(`/api/v1/public/kb/articles?q=${encodeURIComponent('退款')}`).expect(200)).body as { data: { id: string; snippet: string }[] };
      expect(q.data[0].id).toBe(ids.refundTitle);
      expect(q.data.map((a) => a.id).sort()).toEqual([ids.refundTitle, ids.refundBody, ids.refundSummary].sort());
      const one = (await t.http.get(`/api/v1/public/kb/articles/${ids.refundTitle}`).expect(200)).body;
      expect(one).toMatchObject({ title: '如何申请退款', bodyHtml: '<p>在订单详情页点击申请，财务审核后原路退回。</p>\n' });
      expect(one.body).toBeUndefined();
      await t.http.get(`/api/v1/public/kb/articles/${ids.internal}`).expect(404);
      await t.http.get(`/api/v1/public/kb/articles/${ids.draft}`).expect(404);
      await t.http.patch(`/api/v1/kb/articles/${ids.enOther}`).set(bearer(agent.token)).send({ status: 'archived' }).expect(200);
      await t.http.get(`/api/v1/public/kb/articles/${ids.enOther}`).expect(404);
      await t.http.get('/api/v1/public/kb/articles?status=draft').expect(400);
    });
  });

  it('the help center is rate limited per IP like the other public endpoints', async () => {
    const limited = await startApp({ config: { publicRateLimit: { points: 3, windowSec: 60 } } });
    try {
      for (let i = 0; i < 3; i++) await limited.http.get('/api/v1/public/kb/articles').expect(200);
      const res = await limited.http.get('/api/v1/public/kb/articles').expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('permissions: reps read but do not write (403); no token 401', async () => {
    const a = await post({ title: '权限测试', body: 'x' });
    await t.http.get(`/api/v1/kb/articles/${a.id}`).set(bearer(rep.token)).expect(200);
    await t.http.post('/api/v1/kb/articles').set(bearer(rep.token)).send({ title: 'x', body: 'y' }).expect(403);
    await t.http.patch(`/api/v1/kb/articles/${a.id}`).set(bearer(rep.token)).send({ title: 'y' }).expect(403);
    await t.http.delete(`/api/v1/kb/articles/${a.id}`).set(bearer(rep.token)).expect(403);
    await t.http.post('/api/v1/kb/categories').set(bearer(rep.token)).send({ name: 'x' }).expect(403);
    await t.http.get('/api/v1/kb/articles').expect(401);
    await t.http.get('/api/v1/kb/categories').expect(401);
    await t.http.post(`/api/v1/kb/articles/${a.id}/vote`).send({ helpful: true }).expect(401);
    await t.http.delete(`/api/v1/kb/articles/${a.id}`).set(bearer(agent.token)).expect(204);
    await t.http.get(`/api/v1/kb/articles/${a.id}`).set(bearer(rep.token)).expect(404);
    await t.http.post(`/api/v1/kb/articles/${a.id}/view`).set(bearer(rep.token)).expect(404);
  });

  it('bad input answers 400 with field codes', async () => {
    const res = await t.http
      .post('/api/v1/kb/articles')
      .set(bearer(agent.token))
      .send({ title: '', body: 1, status: 'live', visibility: 'world', tags: ['x'.repeat(41)], categoryId: 'nope', extra: 1 })
      .expect(400);
    const codes = Object.fromEntries((res.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code]));
    expect(codes).toMatchObject({ title: 'required', body: 'not_string', status: 'invalid_enum', visibility: 'invalid_enum', categoryId: 'not_uuid', extra: 'unknown_field' });
    expect(Object.keys(codes).some((f) => f.startsWith('tags'))).toBe(true);
    const unknownCat = await t.http.post('/api/v1/kb/articles').set(bearer(agent.token)).send({ title: 'x', body: 'y', categoryId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    expect(unknownCat.body.errors[0]).toMatchObject({ field: 'categoryId', code: 'KB_UNKNOWN_CATEGORY' });
    expect((await t.http.get('/api/v1/kb/articles?sort=body').set(bearer(rep.token)).expect(400)).body.code).toBe('INVALID_SORT');
    expect((await t.http.get('/api/v1/kb/articles?status=live').set(bearer(rep.token)).expect(400)).body.errors[0]).toMatchObject({ field: 'status', code: 'invalid_enum' });
  });

  it('a phrase in many titles: the title tier walks the views order (bounded) and pages exactly; the pieces in another order do not match', async () => {
    const ds = t.app.get(DataSource);
    // 600 titles with the phrase, and 600 more viewed ones the walk meets first: its pieces in another order, and (the
    // 100 most viewed) every piece of it — 申请, 请补, 补发 — but not the phrase, which only the phrase check turns away
    await ds.query(
      `INSERT INTO kb_articles (title, body, status, visibility, content_at, view_count)
       SELECT CASE WHEN i <= 600 THEN '申请补发说明 ' || i WHEN i <= 1100 THEN '补发申请表 ' || i ELSE '申请人请补发票 ' || i END, '正文。', 'published', 'public', now(), i
       FROM generate_series(1, 1200) AS i`,
    );
    await ds.query(`ANALYZE kb_articles`);
    try {
      const first = await search('申请补发', bearer(rep.token), '&limit=5');
      expect(first.data.map((a) => a.viewCount)).toEqual([600, 599, 598, 597, 596]);
      expect(first.data.every((a) => a.title.includes('申请补发'))).toBe(true);
      const second = await search('申请补发', bearer(rep.token), `&limit=5&cursor=${first.nextCursor}`);
      expect(second.data.map((a) => a.viewCount)).toEqual([595, 594, 593, 592, 591]);
      // the help center's scope walks its own rows
      const pub = (await t.http.get(`/api/v1/public/kb/articles?q=${encodeURIComponent('申请补发')}&limit=3`).expect(200)).body as { data: { title: string }[] };
      expect(pub.data.map((a) => a.title)).toEqual(['申请补发说明 600', '申请补发说明 599', '申请补发说明 598']);
      // a rare phrase (the walk's prefix does not fill the page) still finds its one title
      await ds.query(`UPDATE kb_articles SET title = '补发申请流程说明' WHERE title = '补发申请表 1100'`);
      expect((await search('申请流程', bearer(rep.token), '&limit=5')).data.map((a) => a.title)).toEqual(['补发申请流程说明']);
    } finally {
      await ds.query(`DELETE FROM kb_articles WHERE title LIKE '申请补发说明 %' OR title LIKE '补发申请%' OR title LIKE '申请人请补发票 %'`);
    }
  }, 60000);

  it('a search with more than 1,000 matches gives the estimated total, ranks a title hit first and pages through body matches by views', async () => {
    const ds = t.app.get(DataSource);
    // 1,200 body-only matches with distinct view counts (inserted directly: 1,200 HTTP creates would take minutes)
    await ds.query(
      `INSERT INTO kb_articles (title, body, status, visibility, content_at, view_count)
       SELECT '批量文章 ' || i, '客户可以在七天内申请换机，我们会尽快处理。', 'published', 'public', now(), i FROM generate_series(1, 1200) AS i`,
    );
    const titled = await post({ title: '换机流程', body: '见正文。', status: 'published', visibility: 'public' });
    await ds.query(`ANALYZE kb_articles`);
    try {
      const res = await search('换机', bearer(rep.token), '&limit=20');
      expect(res.totalIsEstimate).toBe(true);
      expect(res.total).toBeGreaterThan(1000);
      expect(res.data[0].id).toBe(titled.id);
      expect(res.data.slice(1).map((a) => a.viewCount)).toEqual(Array.from({ length: 19 }, (_, i) => 1200 - i));
      const next = await search('换机', bearer(rep.token), `&limit=20&cursor=${res.nextCursor}`);
      expect(next.data.map((a) => a.viewCount)).toEqual(Array.from({ length: 20 }, (_, i) => 1181 - i));
      // a phrase: the index condition holds more than 1,000 rows, so no body is read to count (estimate)
      const phrase = await search('申请换机', bearer(rep.token), '&limit=5');
      expect(phrase.totalIsEstimate).toBe(true);
      expect(phrase.data.map((a) => a.viewCount)).toEqual([1200, 1199, 1198, 1197, 1196]);
      // few matches: exact
      expect(await search('换机流程')).toMatchObject({ total: 1, totalIsEstimate: false });
      // the title tier reads title_vector, generated by PostgreSQL: an edited title moves the article up at once,
      // a deleted article leaves the results
      const moved = await post({ title: '售后说明', body: '换机前请备份数据。', status: 'published', visibility: 'public' });
      expect((await search('换机', bearer(rep.token), '&limit=2')).data.map((a) => a.id)).not.toContain(moved.id);
      await t.http.patch(`/api/v1/kb/articles/${moved.id}`).set(bearer(agent.token)).send({ title: '换机须知', version: moved.version }).expect(200);
      expect(new Set((await search('换机', bearer(rep.token), '&limit=2')).data.map((a) => a.id))).toEqual(new Set([titled.id, moved.id]));
      await t.http.delete(`/api/v1/kb/articles/${moved.id}`).set(bearer(agent.token)).expect(204);
      expect((await search('换机须知')).data).toEqual([]);
    } finally {
      await ds.query(`DELETE FROM kb_articles WHERE title LIKE '批量文章 %'`);
    }
  }, 60000);
});
