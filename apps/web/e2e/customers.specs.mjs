import { assert, clickForAnswer, login, logout, searchTable, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);
const digits = String(Date.now()).slice(-8);

/**
 * Signs in through the form and returns an API client with the same session, for test setup
 * (the browser is for what the user does). One sign-in, not two: the API rate-limits logins.
 */
export async function loginWithApi(page, config, creds) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await login(page, creds);
  const { accessToken } = await (await answer).json();
  const base = `${config.baseUrl}/api/v1`;
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

const visibleDialog = (page) => page.locator('.el-dialog:visible').last();

export const customerSpecs = [
  {
    name: 'a rep creates a lead, sees their own phone unmasked, finds it in search and converts it',
    async run({ page, config, state }) {
      await login(page, config.rep);
      await page.locator('[data-testid="menu-leads"]').click();
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      await shot(page, config, '20-leads-rep');

      const lead = { name: `E2E 线索 ${stamp}`, company: `E2E 云启科技 ${stamp}`, phone: `139${digits}`, email: `e2e-lead-${stamp}@example.com` };
      await page.locator('[data-testid="lead-create"]').click();
      const dialog = visibleDialog(page);
      await dialog.locator('input[data-testid="lead-name"]').fill(lead.name);
      await dialog.locator('input[data-testid="lead-company"]').fill(lead.company);
      await dialog.locator('input[data-testid="lead-title"]').fill('采购经理');
      await dialog.locator('input[data-testid="lead-phone"]').fill(lead.phone);
      await dialog.locator('input[data-testid="lead-email"]').fill(lead.email);
      await shot(page, config, '21-lead-form');
      await dialog.locator('[data-testid="lead-save"]').click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      state.leadUrl = page.url();
      state.lead = lead;

      // rep1 has no viewSensitive, but the sales roles let owners see their own records unmasked: no eye needed
      const phone = page.locator('[data-testid="lead-phone"]');
      await phone.waitFor();
      const own = await phone.innerText();
      assert(own.replace(/\s/g, '').includes(digits) && !/\*{4}/.test(own), `the owner sees their own lead's phone (got ${own})`);
      // shown in national format: 139 1234 5678
      await page.locator('[data-testid="lead-phone"]', { hasText: `139 ${digits.slice(0, 4)} ${digits.slice(4)}` }).waitFor();
      assert(!(await page.locator('[data-testid="lead-phone-reveal"]').count()), 'nothing to reveal on one\'s own lead');
      await shot(page, config, '22-lead-detail-revealed');

      // The top bar's search finds it.
      await page.locator('input[data-testid="global-search"]').fill(stamp);
      const hit = page.locator('.el-autocomplete-suggestion li', { hasText: lead.name }).first();
      await hit.waitFor();
      await shot(page, config, '23-global-search');
      await page.goto('/leads');
      await page.locator('input[data-testid="global-search"]').fill(lead.name);
      await page.locator('.el-autocomplete-suggestion li', { hasText: lead.name }).first().click();
      await page.waitForURL(state.leadUrl);

      // Convert: a new account from the company, and a contact for the person.
      await page.locator('[data-testid="lead-convert"]').click();
      const wizard = page.locator('[data-testid="convert-dialog"]');
      await wizard.locator('input[data-testid="convert-account-name"]').waitFor();
      assert((await wizard.locator('input[data-testid="convert-account-name"]').inputValue()) === lead.company, 'the account name comes from the company');
      await shot(page, config, '24-convert-wizard');
      await wizard.locator('[data-testid="convert-next"]').click();
      await wizard.locator('input[data-testid="convert-contact-name"]').waitFor();
      await wizard.locator('[data-testid="convert-submit"]').click();
      await page.waitForURL(/\/accounts\/[0-9a-f-]{36}/);
      await page.locator('[data-testid="account-summary"]').waitFor();
      assert((await page.locator('[data-testid="detail-layout"] h2').innerText()).includes(lead.company), 'the new account is shown');
      await page.locator('[data-testid="record-table-account-contacts"] .el-table__row', { hasText: lead.name }).waitFor();
      await shot(page, config, '25-account-after-convert');

      await page.goto(state.leadUrl);
      await page.locator('[data-testid="lead-converted"]').waitFor();
      assert(!(await page.locator('[data-testid="lead-edit"]').count()), 'a converted lead cannot be edited');
      await page.locator('[data-testid="converted-account"]').click();
      await page.waitForURL(/\/accounts\/[0-9a-f-]{36}/);
    },
  },
  {
    name: 'a rep converts a lead: the timelines read in the user\'s language, with the call carried over',
    async run({ page, config }) {
      // Setup through the API: a lead with a logged call, converted by its owner.
      const rep = await loginWithApi(page, config, config.rep);
      const company = `E2E 转化时间线 ${stamp}`;
      const lead = await rep('POST', '/leads?allowDuplicate=true', { name: `E2E 时间线 ${stamp}`, company, source: 'web' });
      const subject = `E2E 转化前电话 ${stamp}`;
      await rep('POST', '/activities', { type: 'call', leadId: lead.id, subject });
      const { account } = await rep('POST', `/leads/${lead.id}/convert`, {});

      // the account's timeline shows the lead's call
      await page.goto(`/accounts/${account.id}`);
      await page.locator('[data-testid="account-summary"]').waitFor();
      await page.locator('.el-tabs__item', { hasText: 'Timeline' }).click();
      await page.locator('[data-testid="timeline-activity"]', { hasText: subject }).waitFor();
      await shot(page, config, '26-account-timeline-carried-call');

      // the lead's one conversion entry: labels and option words, names for ids, no raw keys
      await page.goto(`/leads/${lead.id}`);
      const entry = page.locator('[data-testid="timeline-change"]', { hasText: 'converted this lead' });
      await entry.waitFor();
      assert((await page.locator('[data-testid="timeline-change"]', { hasText: 'converted this lead' }).count()) === 1, 'one conversion, one entry');
      const text = await entry.innerText();
      for (const words of ['Status', 'New', 'Converted', 'Converted to account', company]) assert(text.includes(words), `the entry says "${words}" (got ${text})`);
      for (const raw of ['convertedAccountId', 'convertedAt', 'status:', account.id, 'T0']) assert(!text.includes(raw), `no raw "${raw}" (got ${text})`);
      assert(!(await page.locator('[data-testid="lead-edit"], [data-testid="lead-convert"]').count()), 'a converted lead offers no edit or convert');
      await shot(page, config, '27-lead-timeline-readable');

      await page.locator('[data-testid="locale-switch"]').click();
      await page.locator('[data-testid="locale-zh-CN"]:visible').click();
      const zh = page.locator('[data-testid="timeline-change"]', { hasText: '转化了此线索' });
      await zh.waitFor();
      const zhText = await zh.innerText();
      for (const words of ['状态', '新线索', '转化为客户', company]) assert(zhText.includes(words), `the Chinese entry says "${words}" (got ${zhText})`);
      await shot(page, config, '27-lead-timeline-readable-zh');
    },
  },
  {
    name: 'a rep opens a record from the pool page before claiming it',
    async run({ page, config }) {
      // Setup: the admin puts a lead with a phone into the East China pool, which rep1 is a member of.
      const admin = await loginWithApi(page, config, config.admin);
      const pools = await admin('GET', '/pools?limit=200');
      const pool = pools.data.find((p) => /East China|华东/.test(p.name));
      const name = `E2E 公海打开 ${stamp}`;
      const lead = await admin('POST', '/leads?allowDuplicate=true', { name, phone: `135${digits}`, source: 'web' });
      await admin('POST', `/leads/${lead.id}/release`, { reason: 'e2e setup', poolId: pool.id });
      await logout(page);

      await login(page, config.rep);
      await page.locator('[data-testid="menu-pools"]').click();
      await page.locator(`[data-testid="pool-${pool.name}"] strong`, { hasText: pool.name }).click();
      await searchTable(page, 'pool-leads', name);
      await page.locator('[data-testid="record-table-pool-leads"] a', { hasText: name }).click();
      await page.waitForURL(new RegExp(`/leads/${lead.id}$`));
      // readable, masked (not theirs), and the only action is Claim
      const phone = page.locator('[data-testid="lead-phone"]');
      await phone.waitFor();
      assert(/\*{4}/.test(await phone.innerText()), 'a pooled lead is masked for a member');
      await page.locator('[data-testid="lead-claim"]').waitFor();
      assert(!(await page.locator('[data-testid="lead-edit"], [data-testid="lead-convert"], [data-testid="lead-release"]').count()), 'only Claim before claiming');
      await shot(page, config, '30-pool-lead-opened');
      await clickForAnswer(page, page.locator('[data-testid="lead-claim"]'), 'POST', new RegExp(`/api/v1/leads/${lead.id}/claim$`));
      // the page now shows what the new owner may do
      await page.locator('[data-testid="lead-edit"]').waitFor();
      await page.locator('[data-testid="lead-release"]').waitFor();
      assert(!(await page.locator('[data-testid="lead-claim"]').count()), 'no Claim once claimed');
      await shot(page, config, '31-pool-lead-claimed');
    },
  },
  {
    name: 'a duplicate phone shows the matches and can be saved anyway',
    async run({ page, config, state }) {
      await login(page, config.admin);
      await page.goto('/leads');
      await page.locator('[data-testid="lead-create"]').click();
      const dialog = visibleDialog(page);
      await dialog.locator('input[data-testid="lead-name"]').fill(`E2E 重复 ${stamp}`);
      await dialog.locator('input[data-testid="lead-phone"]').fill(state.lead?.phone ?? `139${digits}`);
      await dialog.locator('[data-testid="lead-save"]').click();
      const dup = page.locator('[data-testid="duplicate-dialog"]');
      await dup.locator('.el-table__row').first().waitFor();
      await shot(page, config, '26-duplicate-dialog');
      await dup.locator('[data-testid="duplicate-confirm"]').click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await page.getByRole('tab', { name: 'Duplicates' }).click();
      await page.locator('[data-testid="duplicates-table"] .el-table__row').first().waitFor();
      await shot(page, config, '27-lead-duplicates-tab');
    },
  },
  {
    name: 'a rep claims a lead from the East China pool',
    async run({ page, config }) {
      // Setup through the API: rep1 creates a lead and gives it to the pool they are a member of.
      const rep = await loginWithApi(page, config, config.rep);
      const pools = await rep('GET', '/pools?limit=200');
      const pool = pools.data.find((p) => /East China|华东/.test(p.name));
      assert(pool, `the demo pool exists (got ${pools.data.map((p) => p.name).join(', ')})`);
      const name = `E2E 公海线索 ${stamp}`;
      const lead = await rep('POST', '/leads?allowDuplicate=true', { name, company: `E2E 公海公司 ${stamp}`, source: 'web' });
      await rep('POST', `/leads/${lead.id}/release`, { reason: 'e2e setup', poolId: pool.id });

      await page.locator('[data-testid="menu-pools"]').click();
      // the pool's card also holds its edit button: select it by its name
      await page.locator(`[data-testid="pool-${pool.name}"] strong`, { hasText: pool.name }).click();
      const before = await page.locator(`[data-testid="pool-${pool.name}"] [data-testid="pool-claims"]`).innerText();
      await searchTable(page, 'pool-leads', name);
      const claim = page.locator(`[data-testid="claim-${name}"]`);
      await claim.waitFor();
      await shot(page, config, '28-pool');
      await clickForAnswer(page, claim, 'POST', new RegExp(`/api/v1/leads/${lead.id}/claim$`));
      await claim.waitFor({ state: 'detached' });
      await page.waitForFunction(
        ([sel, text]) => document.querySelector(sel)?.innerText !== text,
        [`[data-testid="pool-${pool.name}"] [data-testid="pool-claims"]`, before],
      );
      const claimed = await rep('GET', `/leads/${lead.id}`);
      assert(claimed.ownerName && claimed.ownerId, 'the lead now has an owner');
      await shot(page, config, '29-pool-claimed');
      await page.locator('[data-testid="pool-kind-accounts"]').click();
      await page.locator('[data-testid="record-table-pool-accounts"] .el-table__row, [data-testid="record-table-pool-accounts"] [data-testid="table-empty"]').first().waitFor();
    },
  },
  {
    name: 'admin sees the customer pages, settings and the home widgets',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.locator('[data-testid="widget-new-leads"]').waitFor();
      // the department chart always has data for an admin (the admin's own leads chart is empty on a fresh database)
      await page.locator('[data-testid="widget-team-by-department"] canvas').waitFor();
      await shot(page, config, '30-home-widgets');

      await page.goto('/accounts');
      await page.locator('[data-testid="record-table-accounts"] .el-table__row').first().waitFor();
      await shot(page, config, '31-accounts');
      await page.locator('[data-testid="record-table-accounts"] .el-table__row a').first().click();
      await page.locator('[data-testid="account-summary"]').waitFor();
      await shot(page, config, '32-account-detail');

      await page.goto('/contacts');
      await page.locator('[data-testid="record-table-contacts"] .el-table__row').first().waitFor();
      await shot(page, config, '33-contacts');
      await page.locator('[data-testid="record-table-contacts"] .el-table__row a').first().click();
      await page.locator('[data-testid="contact-summary"]').waitFor();
      const mobile = await page.locator('[data-testid="contact-mobile"]').innerText();
      assert(!/\*{4}/.test(mobile), `the admin sees unmasked values (got ${mobile})`);
      await shot(page, config, '34-contact-detail');

      await page.goto('/leads');
      await page.locator('[data-testid="filter-status"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'New' }).first().click();
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      await shot(page, config, '35-leads-filtered');

      await page.goto('/admin/lead-assignment-rules');
      await page.locator('[data-testid="page-lead-rules"]').waitFor();
      await page.locator('[data-testid="rule-create"]').click();
      const rule = visibleDialog(page);
      await rule.locator('input[data-testid="rule-name"]').fill(`E2E 规则 ${stamp}`);
      await rule.locator('[data-testid="rule-users"] .el-select__wrapper').click();
      await page.locator('.el-select-dropdown__item:visible').first().click();
      await rule.locator('[data-testid="rule-users"] .el-tag').first().waitFor();
      await rule.locator('input[data-testid="rule-name"]').click(); // close the dropdown
      await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' });
      await rule.locator('[data-testid="rule-save"]').click();
      await page.locator('.el-table__row', { hasText: `E2E 规则 ${stamp}` }).waitFor();
      await shot(page, config, '36-assignment-rules');

      await page.goto('/admin/lead-forms');
      await page.locator('[data-testid="web-form-create"]').click();
      await visibleDialog(page).locator('input[data-testid="web-form-name"]').fill(`E2E 官网表单 ${stamp}`);
      await visibleDialog(page).locator('[data-testid="web-form-save"]').click();
      const key = page.locator('[data-testid="form-key-dialog"] input[data-testid="form-key"]');
      await key.waitFor();
      const formKey = await key.inputValue();
      assert(formKey.length > 12, 'the key is shown once');
      assert((await page.locator('[data-testid="form-snippet"]').innerText()).includes('X-Form-Key'), 'the snippet sends the key');
      await shot(page, config, '37-lead-form-key');
      await page.locator('[data-testid="form-key-done"]').click();

      // The key works: a website submission is accepted.
      const res = await fetch(`${config.baseUrl}/api/v1/public/leads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Form-Key': formKey },
        body: JSON.stringify({ name: `E2E 网站访客 ${stamp}`, email: `visitor-${stamp}@example.com` }),
      });
      assert(res.status === 202, `the public endpoint accepts the key (got ${res.status})`);

      await page.goto('/pools');
      await page.locator('[data-testid="pool-list"]').waitFor();
      await page.locator('[data-testid="pool-create"]').click();
      await visibleDialog(page).locator('input[data-testid="pool-name"]').waitFor();
      await shot(page, config, '38-pool-form');
      await page.keyboard.press('Escape');

      await page.locator('[data-testid="notification-bell"]').click();
      await page.locator('[data-testid="notification-list"], .el-popover [data-testid="state-empty"]').first().waitFor();
      await shot(page, config, '39-notifications');
    },
  },
  {
    name: 'the customer pages in Chinese',
    async run({ page, config, state }) {
      await login(page, config.rep);
      await page.locator('[data-testid="locale-switch"]').click();
      await page.locator('[data-testid="locale-zh-CN"]:visible').click();
      await page.locator('[data-testid="menu-group-customers"]', { hasText: '客户管理' }).waitFor();
      await page.locator('[data-testid="menu-leads"]', { hasText: '线索' }).waitFor();
      if (state.leadUrl) {
        await page.goto(state.leadUrl);
        await page.locator('[data-testid="lead-converted"]', { hasText: '已于' }).waitFor();
      }
      await page.goto('/pools');
      await page.locator('[data-testid="pool-list"]').waitFor();
      await shot(page, config, '40-pools-zh');
    },
  },
];
