import { loginWithApi } from './customers.specs.mjs';
import { assert, dragAndDrop, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

/** Waits for the answer of a request the action causes (and checks its status). */
async function answerOf(page, action, method, path, status = 200) {
  const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
  await action();
  const res = await answer;
  assert(res.status() === status, `${method} ${new URL(res.url()).pathname} answered ${res.status()}, expected ${status}`);
  return res;
}

/** The leads list narrowed to one name by the search box. */
async function findLeadRow(page, name) {
  await answerOf(page, () => page.locator('input[data-testid="table-search"]').fill(name), 'GET', /^\/api\/v1\/leads$/);
  const row = page.locator('[data-testid="record-table-leads"] .el-table__row', { hasText: name });
  await row.waitFor();
  return row;
}

export const boardSpecs = [
  {
    name: 'board: inline edit on the leads list saves with the version and handles a 412 by keeping the typed value',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const lead = await api('POST', '/leads', { name: `E2E 行内 ${stamp}`, company: 'Old Co' });
      await page.goto('/leads');
      let row = await findLeadRow(page, lead.name);

      await row.hover();
      await row.locator('[data-testid="inline-edit-company"]').click();
      const input = row.locator('input[data-testid="inline-input-company"]');
      await input.fill('New Co');
      const saved = await (await answerOf(page, () => input.press('Enter'), 'PATCH', new RegExp(`/api/v1/leads/${lead.id}$`))).json();
      assert(saved.company === 'New Co' && saved.version === lead.version + 1, `saved (got ${saved.company} v${saved.version})`);
      await row.locator('[data-testid="inline-value-company"]', { hasText: 'New Co' }).waitFor();

      // someone else changes the lead meanwhile: the next save is stale (412)
      await api('PATCH', `/leads/${lead.id}`, { company: 'Their Co', version: lead.version + 1 });
      await row.locator('[data-testid="inline-edit-company"]').click();
      await input.fill('Mine Co');
      await answerOf(page, () => input.press('Enter'), 'PATCH', new RegExp(`/api/v1/leads/${lead.id}$`), 412);
      const error = row.locator('[data-testid="inline-error-company"]');
      await error.filter({ hasText: 'Their Co' }).waitFor();
      assert((await input.inputValue()) === 'Mine Co', 'the typed value is kept after the 412');
      await shot(page, config, '70-inline-edit-conflict');
      await answerOf(page, () => row.locator('[data-testid="inline-save-company"]').click(), 'PATCH', new RegExp(`/api/v1/leads/${lead.id}$`));
      await row.locator('[data-testid="inline-value-company"]', { hasText: 'Mine Co' }).waitFor();

      // a select: the status, kept after a reload
      await row.locator('[data-testid="inline-edit-status"]').click();
      await row.locator('[data-testid="inline-input-status"]').click();
      await page.getByRole('option', { name: 'Qualified', exact: true }).click();
      await answerOf(page, () => row.locator('[data-testid="inline-save-status"]').click(), 'PATCH', new RegExp(`/api/v1/leads/${lead.id}$`));
      await page.reload();
      row = await findLeadRow(page, lead.name);
      await row.locator('[data-testid="inline-value-company"]', { hasText: 'Mine Co' }).waitFor();
      await row.locator('[data-testid="lead-status-tag"]', { hasText: 'Qualified' }).waitFor();
      const now = await api('GET', `/leads/${lead.id}`);
      assert(now.company === 'Mine Co' && now.status === 'qualified' && now.version === lead.version + 4, `saved on the server (got ${JSON.stringify(now)})`);

      // a bad value shows the field's error and stays open
      await row.locator('[data-testid="inline-edit-company"]').click();
      await input.fill('x'.repeat(300));
      await answerOf(page, () => input.press('Enter'), 'PATCH', new RegExp(`/api/v1/leads/${lead.id}$`), 400);
      await row.locator('[data-testid="inline-error-company"]').waitFor();
      await input.press('Escape');
      await row.locator('[data-testid="inline-value-company"]', { hasText: 'Mine Co' }).waitFor();
    },
  },
  {
    name: 'board: a lead gets its province and city from the region cascader',
    async run({ page, config }) {
      await loginWithApi(page, config, config.rep);
      await page.goto('/leads');
      await page.locator('[data-testid="lead-create"]').click();
      const dialog = page.locator('.el-dialog:visible').last();
      await dialog.locator('input[data-testid="lead-name"]').fill(`E2E 地区 ${stamp}`);
      // the division data loads on first use: the cascader is enabled once it is there
      const region = dialog.locator('input[data-testid="lead-region"], [data-testid="lead-region"] input').first();
      await region.click();
      await region.fill('广州');
      await page.locator('.el-cascader__suggestion-item:visible', { hasText: '广东省 / 广州市' }).first().click();
      await answerOf(page, () => dialog.locator('[data-testid="lead-save"]').click(), 'POST', /^\/api\/v1\/leads$/, 201);
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await page.locator('[data-testid="lead-summary"]', { hasText: '广东省 广州市' }).waitFor();
    },
  },
  {
    name: 'board: the leads kanban (Chinese): drag a card to another status, it stays there after a reload',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const lead = await api('POST', '/leads', { name: `E2E 看板 ${stamp}`, company: '看板科技' });
      await page.locator('[data-testid="locale-switch"]').click();
      await page.locator('[data-testid="locale-zh-CN"]:visible').click();
      await page.locator('[data-testid="menu-leads"]', { hasText: '线索' }).waitFor();

      await page.goto('/leads');
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      await page.locator('[data-testid="leads-view-kanban"]').click();
      await page.waitForURL(/[?&]view=kanban/);
      const card = page.locator(`[data-testid="kanban-column-new"] [data-testid="lead-card-${lead.name}"]`);
      await card.waitFor();
      const board = page.locator('[data-testid="kanban-leads"][aria-busy="false"]');
      await board.waitFor(); // every column loaded: counts are final and nothing moves under the pointer
      const count = async (status) => Number(await page.locator(`[data-testid="kanban-count-${status}"]`).innerText());
      const [newBefore, contactedBefore] = [await count('new'), await count('contacted')];
      assert((await page.locator('[data-testid="kanban-column-contacted"]').innerText()).includes('已联系'), 'columns are labelled in Chinese');

      const saved = await answerOf(
        page,
        () => dragAndDrop(page, card, page.locator('[data-testid="kanban-column-contacted"]')),
        'PATCH',
        new RegExp(`/api/v1/leads/${lead.id}$`),
      );
      assert((await saved.json()).status === 'contacted', 'the drop saves the new status');
      await page.locator(`[data-testid="kanban-column-contacted"] [data-testid="lead-card-${lead.name}"]`).waitFor();
      await board.waitFor();
      assert((await count('new')) === newBefore - 1 && (await count('contacted')) === contactedBefore + 1, 'the column counts follow');
      await shot(page, config, '71-leads-kanban-zh');

      // converted is reached by the conversion wizard only: a drop there saves nothing
      let patched = false;
      page.on('request', (r) => {
        if (r.method() === 'PATCH') patched = true;
      });
      const moved = page.locator(`[data-testid="kanban-column-contacted"] [data-testid="lead-card-${lead.name}"]`);
      await dragAndDrop(page, moved, page.locator('[data-testid="kanban-column-converted"]'));
      assert(!patched, 'no save for a drop on converted');

      await page.reload();
      await page.locator(`[data-testid="kanban-column-contacted"] [data-testid="lead-card-${lead.name}"]`).waitFor();
      assert((await api('GET', `/leads/${lead.id}`)).status === 'contacted', 'the server has the new status');

      await page.locator('[data-testid="leads-view-list"]').click();
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      assert(!page.url().includes('view=kanban'), 'the list view leaves the URL without view=kanban');
    },
  },
  {
    name: 'board: the leads list fits at 1440 px (Owner and Created beside Actions) and the tablet menu overlays',
    async run({ page, config }) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await loginWithApi(page, config, config.admin);
      await page.goto('/leads');
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      const head = (label) => page.locator('[data-testid="record-table-leads"] .el-table__header th', { hasText: label }).first();
      const table = await page.locator('[data-testid="record-table-leads"] .el-table').boundingBox();
      const actions = await head('Actions').boundingBox();
      for (const label of ['Owner', 'Created']) {
        const box = await head(label).boundingBox();
        assert(box && box.width > 40, `${label} has room (got ${JSON.stringify(box)})`);
        assert(box.x + box.width <= actions.x + 1, `${label} ends before Actions starts (${box.x + box.width} > ${actions.x})`);
        assert(box.x >= table.x, `${label} is inside the table`);
      }
      assert(actions.x + actions.width <= table.x + table.width + 1, 'Actions is inside the table');
      await shot(page, config, '72-leads-1440');

      // tablet: the opened menu lies over the content instead of squeezing it
      await page.setViewportSize({ width: 900, height: 800 });
      const main = page.locator('.ky-main');
      await page.locator('[data-testid="menu-mask"]').waitFor({ state: 'detached' });
      const before = await main.boundingBox();
      await page.locator('[data-testid="menu-toggle"]').click();
      await page.locator('[data-testid="menu-mask"]').waitFor();
      const panel = await page.locator('[data-testid="aside-panel"]').boundingBox();
      const after = await main.boundingBox();
      assert(after.x === before.x && after.width === before.width, `the content keeps its place (${before.x}/${before.width} → ${after.x}/${after.width})`);
      assert(panel.x + panel.width > before.x + 100, 'the menu spreads over the content');
      await shot(page, config, '73-tablet-menu');
      await page.locator('[data-testid="menu-mask"]').click({ position: { x: 800, y: 400 } });
      await page.locator('[data-testid="menu-mask"]').waitFor({ state: 'detached' });
    },
  },
];
