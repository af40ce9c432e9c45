import { assert, clickForAnswer, login, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);
const manager = { email: 'manager@keyuan.local', password: 'Demo123!' };

/** Signs in through the form and returns an API client with the same session (for setup only). */
async function loginWithApi(page, config, creds) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await login(page, creds);
  const { accessToken } = await (await answer).json();
  return async (method, path, body) => {
    const r = await fetch(`${config.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** The next answer of the leads list, and the query it was asked with. */
const leadsAnswer = (page) => page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/v1/leads');
const pick = (page, text) => page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();

export const listSpecs = [
  {
    name: 'lists: a saved view with an advanced filter is restored from the URL after a reload, and opens the list by default',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, manager);
      await api('POST', '/leads?allowDuplicate=true', { name: `视图线索 ${stamp}`, company: `视图科技 ${stamp}`, status: 'new' });
      let answer = leadsAnswer(page);
      await page.goto('/leads');
      await answer;

      // an advanced condition: company contains the stamp
      await page.locator('[data-testid="advanced-filter"]').click();
      const builder = page.locator('[data-testid="filter-builder"]:visible');
      await builder.locator('[data-testid="filter-row-0"] [data-testid="filter-field"]').click();
      await pick(page, 'Company');
      await builder.locator('input[data-testid="filter-text"]').fill(`视图科技 ${stamp}`);
      answer = leadsAnswer(page);
      await builder.locator('[data-testid="filter-apply"]').click();
      let res = await answer;
      assert(new URL(res.url()).searchParams.get('filter'), 'the list is asked with the advanced filter');
      // and a simple one from the filter bar
      answer = leadsAnswer(page);
      await page.locator('[data-testid="filter-status"]').click();
      await pick(page, 'New');
      res = await answer;
      assert(new URL(res.url()).searchParams.get('status') === 'new', 'the status filter is sent');
      await page.locator('[data-testid="record-table-leads"] .el-table__row', { hasText: `视图线索 ${stamp}` }).waitFor();

      // save it as a view
      await page.locator('[data-testid="view-menu"]').click();
      await page.locator('[data-testid="view-save-as"]:visible').click();
      const box = page.locator('.el-message-box:visible');
      await box.locator('input').fill(`E2E 视图 ${stamp}`);
      const saved = await clickForAnswer(page, box.locator('.el-button--primary'), 'POST', /^\/api\/v1\/saved-views$/);
      const view = await saved.json();
      await page.waitForURL((u) => u.searchParams.get('view') === view.id && !!u.searchParams.get('filter') && u.searchParams.get('status') === 'new');
      const link = page.url();
      await shot(page, config, '70-saved-view');

      // a reload (or the link shared) shows the same list: filters, view name, advanced filter count
      answer = leadsAnswer(page);
      await page.reload();
      res = await answer;
      const asked = new URL(res.url()).searchParams;
      assert(asked.get('status') === 'new' && asked.get('filter') === new URL(link).searchParams.get('filter'), `the reloaded list asks with the URL's filters (${res.url()})`);
      const rows = (await res.json()).data;
      assert(rows.length === 1 && rows[0].name === `视图线索 ${stamp}`, `the reloaded list shows the filtered lead (got ${rows.map((r) => r.name)})`);
      await page.locator('[data-testid="record-table-leads"] .el-table__row', { hasText: `视图线索 ${stamp}` }).waitFor();
      await page.locator('[data-testid="advanced-filter"]', { hasText: '(1)' }).waitFor();
      await page.locator('[data-testid="view-select"] .el-select__selected-item', { hasText: `E2E 视图 ${stamp}` }).waitFor();

      // as the default view, it opens the plain list
      await page.locator('[data-testid="view-menu"]').click();
      await clickForAnswer(page, page.locator('[data-testid="view-default"]:visible'), 'POST', /^\/api\/v1\/saved-views\/[0-9a-f-]+\/default$/);
      await page.goto('/leads');
      await page.waitForURL((u) => u.searchParams.get('view') === view.id && u.searchParams.get('status') === 'new');
      await page.locator('[data-testid="record-table-leads"] .el-table__row', { hasText: `视图线索 ${stamp}` }).waitFor();
      await shot(page, config, '71-default-view');
      // leave the demo manager's leads list as it was for other specs
      await api('DELETE', `/saved-views/${view.id}/default`);
    },
  },
  {
    name: 'lists: a manager selects leads and assigns them in one bulk action, in Chinese',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, manager);
      const names = [`批量分配 A ${stamp}`, `批量分配 B ${stamp}`];
      for (const name of names) await api('POST', '/leads?allowDuplicate=true', { name });
      await page.locator('[data-testid="locale-switch"]').click();
      await page.locator('[data-testid="locale-zh-CN"]:visible').click();
      await page.locator('[data-testid="menu-leads"]', { hasText: '线索' }).waitFor();
      await page.goto(`/leads?q=${encodeURIComponent(`批量分配`)}`);
      const table = page.locator('[data-testid="record-table-leads"]');
      for (const name of names) await table.locator('.el-table__row', { hasText: name }).waitFor();

      for (const name of names) await table.locator('.el-table__row', { hasText: name }).locator('.el-checkbox').first().click();
      await page.locator('[data-testid="bulk-count"]', { hasText: '已选 2 条' }).waitFor();
      await shot(page, config, '72-bulk-selected-zh');
      await page.locator('[data-testid="bulk-assign"]').click();
      const dialog = page.locator('[data-testid="assign-dialog"]:visible');
      await dialog.locator('[data-testid="assign-user"]').click();
      await pick(page, 'rep2@keyuan.local');
      const res = await clickForAnswer(page, dialog.locator('[data-testid="assign-save"]'), 'POST', /^\/api\/v1\/leads\/bulk$/);
      const { results } = await res.json();
      assert(results.length === 2 && results.every((r) => r.ok), `both leads were assigned (${JSON.stringify(results)})`);
      await page.locator('.el-message', { hasText: '已完成 2 条' }).waitFor();
      await page.locator('[data-testid="bulk-bar"]').waitFor({ state: 'detached' });
      const rep2 = (await api('GET', '/users?q=rep2&limit=5')).data.find((u) => u.email === 'rep2@keyuan.local');
      for (const name of names) await table.locator('.el-table__row', { hasText: name }).filter({ hasText: rep2.name }).waitFor();
      await shot(page, config, '73-bulk-assigned-zh');
    },
  },
];
