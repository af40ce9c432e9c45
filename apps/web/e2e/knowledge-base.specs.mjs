import { assert, login, logout, shot } from './helpers.mjs';

export const knowledgeBaseSpecs = [
  {
    name: 'knowledge base: a rep searches a 2-character Chinese word, sees the highlighted snippet and opens the article; the help center works logged out',
    async run({ page, config }) {
      await login(page, { email: 'rep1@keyuan.local', password: 'Demo123!' });
      await page.locator('[data-testid="menu-kb"]').waitFor({ state: 'attached' });
      await page.goto('/kb');
      await page.locator('[data-testid="page-kb"] [data-testid="kb-results"]').waitFor();
      // reps read only: no create button
      assert((await page.locator('[data-testid="kb-create"]').count()) === 0, 'a rep cannot write articles');
      await page.locator('input[data-testid="kb-search"]').fill('退款');
      const answer = page.waitForResponse((r) => /\/api\/v1\/kb\/articles$/.test(new URL(r.url()).pathname) && new URL(r.url()).searchParams.get('q') === '退款');
      await page.locator('input[data-testid="kb-search"]').press('Enter');
      assert((await answer).ok(), 'the search answered');
      await page.waitForURL(/[?&]q=/);
      const mark = page.locator('[data-testid="kb-snippet"] mark', { hasText: '退款' }).first();
      await mark.waitFor();
      const first = page.locator('[data-testid="kb-results"] li').first();
      const title = (await first.locator('[data-testid="kb-result-title"]').innerText()).trim();
      assert(title.includes('退款'), `a title match ranks first (got ${title})`);
      await shot(page, config, '90-kb-search');
      await first.locator('[data-testid="kb-result-title"]').click();
      await page.locator('[data-testid="page-kb-article"] [data-testid="kb-article-title"]', { hasText: title }).waitFor();
      await page.locator('[data-testid="kb-article-body"] h2').first().waitFor();
      assert((await page.locator('[data-testid="kb-article-body"] script').count()) === 0, 'no script in the body');
      await page.locator('[data-testid="kb-open-versions"]').click();
      await page.locator('[data-testid="kb-versions"]').waitFor();
      await shot(page, config, '91-kb-article');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="kb-versions"]').waitFor({ state: 'hidden' });

      await logout(page);
      await page.goto('/help');
      await page.locator('[data-testid="page-help"] [data-testid="help-results"]').waitFor();
      assert(!page.url().includes('/login'), 'the help center needs no login');
      await page.locator('input[data-testid="help-search"]').fill('发票');
      await page.locator('input[data-testid="help-search"]').press('Enter');
      await page.locator('[data-testid="help-snippet"] mark', { hasText: '发票' }).first().waitFor();
      const helpTitle = page.locator('[data-testid="help-result-title"]').first();
      const text = (await helpTitle.innerText()).trim();
      assert(!text.includes('内部'), `no internal article in the help center (got ${text})`);
      await shot(page, config, '92-help-center');
      await helpTitle.click();
      await page.locator('[data-testid="page-help-article"] [data-testid="help-article-title"]', { hasText: text }).waitFor();
      await page.locator('[data-testid="help-article-body"] p').first().waitFor();
      await shot(page, config, '93-help-article');
    },
  },
];
