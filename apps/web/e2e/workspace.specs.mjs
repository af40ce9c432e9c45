import { loginWithApi } from './customers.specs.mjs';
import { assert, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

/** Waits for the answer of a request the action causes (and checks its status). */
async function answerOf(page, action, method, path, status = 200) {
  const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
  await action();
  const res = await answer;
  assert(res.status() === status, `${method} ${new URL(res.url()).pathname} answered ${res.status()}, expected ${status}`);
  return res;
}

/** A list narrowed to one name by the search box, once the table shows that search's rows. */
async function findRow(page, resource, name) {
  await answerOf(page, () => page.locator(`[data-testid="record-table-${resource}"] input[data-testid="table-search"]`).fill(name), 'GET', new RegExp(`^/api/v1/${resource}$`));
  await page.locator(`[data-testid="record-table-${resource}"][aria-busy="false"]`).waitFor();
  const row = page.locator(`[data-testid="record-table-${resource}"] .el-table__row`, { hasText: name });
  await row.waitFor();
  return row;
}

export const workspaceSpecs = [
  {
    name: 'workspace: inline edit on the accounts list and the contact detail page saves with the version and keeps the typed value on a 412',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const account = await api('POST', '/accounts', { name: `E2E 行内客户 ${stamp}`, industry: 'Old industry' });
      await page.goto('/accounts');
      const row = await findRow(page, 'accounts', account.name);
      const patch = new RegExp(`/api/v1/accounts/${account.id}$`);

      await row.hover();
      await row.locator('[data-testid="inline-edit-industry"]').click();
      const input = row.locator('input[data-testid="inline-input-industry"]');
      await input.fill('Software');
      const saved = await (await answerOf(page, () => input.press('Enter'), 'PATCH', patch)).json();
      assert(saved.industry === 'Software' && saved.version === account.version + 1, `saved (got ${saved.industry} v${saved.version})`);
      await row.locator('[data-testid="inline-value-industry"]', { hasText: 'Software' }).waitFor();
      assert((await row.locator('[data-testid="inline-edit-phone"]').count()) === 0, 'the phone is not edited inline (reveal flow)');

      // someone else saves meanwhile: the next inline save is stale (412), the typed value stays
      await api('PATCH', `/accounts/${account.id}`, { industry: 'Their industry', version: saved.version });
      await row.locator('[data-testid="inline-edit-industry"]').click();
      await input.fill('Mine');
      await answerOf(page, () => input.press('Enter'), 'PATCH', patch, 412);
      await row.locator('[data-testid="inline-error-industry"]', { hasText: 'Their industry' }).waitFor();
      assert((await input.inputValue()) === 'Mine', 'the typed value is kept after the 412');
      await shot(page, config, '80-accounts-inline-conflict');
      await answerOf(page, () => row.locator('[data-testid="inline-save-industry"]').click(), 'PATCH', patch);
      await row.locator('[data-testid="inline-value-industry"]', { hasText: 'Mine' }).waitFor();

      // a select on the list: the level
      await row.locator('[data-testid="inline-edit-level"]').click();
      await row.locator('[data-testid="inline-input-level"]').click();
      await page.getByRole('option', { name: 'B', exact: true }).click();
      await answerOf(page, () => row.locator('[data-testid="inline-save-level"]').click(), 'PATCH', patch);
      const now = await api('GET', `/accounts/${account.id}`);
      assert(now.industry === 'Mine' && now.level === 'B', `saved on the server (got ${now.industry} ${now.level})`);

      // a contact's title on its detail page
      const contact = await api('POST', '/contacts', { accountId: account.id, name: `E2E 行内联系人 ${stamp}`, title: 'Buyer' });
      await page.goto(`/contacts/${contact.id}`);
      const summary = page.locator('[data-testid="contact-summary"]');
      await summary.locator('[data-testid="inline-edit-title"]').click();
      const title = summary.locator('input[data-testid="inline-input-title"]');
      await title.fill('Head of purchasing');
      await answerOf(page, () => title.press('Enter'), 'PATCH', new RegExp(`/api/v1/contacts/${contact.id}$`));
      await summary.locator('[data-testid="inline-value-title"]', { hasText: 'Head of purchasing' }).waitFor();
      assert((await summary.locator('[data-testid="inline-edit-mobile"], [data-testid="inline-edit-email"]').count()) === 0, 'masked fields keep the reveal flow');
      await page.reload();
      await page.locator('[data-testid="contact-summary"] [data-testid="inline-value-title"]', { hasText: 'Head of purchasing' }).waitFor();
    },
  },
  {
    name: "workspace: a user's history on the Users page shows field labels and names, no raw keys or ids",
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.admin);
      const departments = (await api('GET', '/departments?limit=200')).data;
      const roles = (await api('GET', '/roles?limit=200')).data;
      assert(departments.length >= 2, 'the demo data has departments');
      const [from, to] = departments;
      const rep = roles.find((r) => r.key === 'sales_rep');
      const manager = roles.find((r) => r.key === 'sales_manager');
      const user = await api('POST', '/users', { email: `e2e-history-${stamp}@example.com`, name: `E2E 历史 ${stamp}`, password: 'Passw0rd!', departmentId: from.id, roleIds: [rep.id] });
      await api('PATCH', `/users/${user.id}`, { version: user.version, departmentId: to.id, roleIds: [manager.id] });

      await page.goto(`/admin/users/${user.id}?tab=history`);
      const timeline = page.locator('[data-testid="activity-timeline"]');
      const change = timeline.locator('[data-testid="timeline-change"]', { hasText: to.name });
      await change.first().waitFor();
      await timeline.locator('[data-testid="timeline-change"]', { hasText: manager.name }).first().waitFor();
      const text = await timeline.innerText();
      for (const raw of ['departmentId', 'roleIds', from.id, to.id, rep.id, manager.id]) assert(!text.includes(raw), `the history shows no raw ${raw}`);
      assert(text.includes(from.name), 'the old department is named');
      await shot(page, config, '81-user-history');
    },
  },
];
