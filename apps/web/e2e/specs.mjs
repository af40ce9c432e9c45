import { activitySpecs } from './activities.specs.mjs';
import { approvalSpecs } from './approvals.specs.mjs';
import { boardSpecs } from './board.specs.mjs';
import { customerSpecs } from './customers.specs.mjs';
import { i18nSpecs } from './i18n.specs.mjs';
import { listSpecs } from './lists.specs.mjs';
import { opportunitySpecs } from './opportunities.specs.mjs';
import { shellSpecs } from './shell.specs.mjs';
import { workflowSpecs } from './workflows.specs.mjs';
import { quoteSpecs } from './quotes.specs.mjs';
import { contractSpecs } from './contracts.specs.mjs';
import { campaignSpecs } from './campaigns.specs.mjs';
import { workspaceSpecs } from './workspace.specs.mjs';
import { currencySpecs } from './currencies.specs.mjs';
import { knowledgeBaseSpecs } from './knowledge-base.specs.mjs';
import { paymentSpecs } from './payments.specs.mjs';
import { ticketSpecs } from './tickets.specs.mjs';
import { analyticsSpecs } from './analytics.specs.mjs';
import { smsSpecs } from './sms.specs.mjs';
import { emailSpecs } from './email.specs.mjs';
import { integrationSpecs } from './integrations.specs.mjs';
import { noticeSpecs } from './notices.specs.mjs';
import { projectSpecs } from './projects.specs.mjs';
import { documentSpecs } from './documents.specs.mjs';
import { customSpecs } from './custom.specs.mjs';
import { assert, clickForAnswer, login, logout, menuNames, searchTable, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

/** Each spec gets a fresh browser context (no cookies, no localStorage). */
export const specs = [
  {
    name: 'admin signs in and sees the admin menu',
    async run({ page, config, state }) {
      await page.goto('/');
      await page.waitForURL(/\/login/);
      await shot(page, config, '01-login');
      await login(page, config.admin);
      const names = await menuNames(page);
      for (const id of ['menu-home', 'menu-group-admin', 'menu-admin-users', 'menu-admin-departments', 'menu-admin-roles']) {
        assert(names.includes(id), `admin menu has ${id} (got ${names.join(', ')})`);
      }
      state.adminMenu = names;
      await page.locator('[data-testid="welcome"]').waitFor();
      await shot(page, config, '02-home-admin');

      await page.locator('[data-testid="menu-admin-users"]').click();
      await page.waitForURL(/\/admin\/users$/);
      await page.locator('[data-testid="record-table-users"] .el-table__row').first().waitFor();
      assert((await page.locator('[data-testid="breadcrumbs"]').innerText()).includes('Users'), 'breadcrumbs name the page');
      await shot(page, config, '03-users');

      await page.locator('[data-testid="menu-admin-departments"]').click();
      await page.locator('[data-testid="page-departments"]').waitFor();
      await shot(page, config, '04-departments');

      await page.locator('[data-testid="menu-admin-roles"]').click();
      await page.locator('[data-testid="record-table-roles"] .el-table__row').first().waitFor();
      await shot(page, config, '05-roles');

      await page.goto('/no/such/page');
      await page.locator('[data-testid="page-404"]').waitFor();
    },
  },
  {
    name: 'a failed sign-in shows the server error',
    async run({ page }) {
      await page.goto('/login');
      // An unknown address: a wrong password for a real account would count towards its lockout.
      await login(page, { email: `nobody-${stamp}@keyuan.local`, password: 'wrong-password' }, { expectSuccess: false });
      const error = page.locator('[data-testid="login-error"]');
      await error.waitFor();
      assert((await error.innerText()).trim().length > 0, 'the error has text');
      assert(page.url().includes('/login'), 'still on the login page');
    },
  },
  {
    name: 'admin creates a user',
    async run({ page, config, state }) {
      await login(page, config.admin);
      await page.goto('/admin/users');
      await page.locator('[data-testid="user-create"]').click();
      const dialog = page.locator('.el-dialog:visible');
      await dialog.waitFor();
      const user = { name: `E2E 测试 ${stamp}`, email: `e2e-${stamp}@keyuan.local`, password: 'E2e-Pass-123!' };
      await dialog.locator('input[data-testid="user-name"]').fill(user.name);
      await dialog.locator('input[data-testid="user-email"]').fill(user.email);
      await dialog.locator('input[data-testid="user-phone"]').fill('13800138000');
      await dialog.locator('input[data-testid="user-password"]').fill(user.password);
      // A sales role if there is one: the next spec may sign in as this user.
      const roles = dialog.locator('.el-form-item').filter({ has: page.locator('.el-form-item__label', { hasText: 'Roles' }) });
      await roles.locator('.el-select__wrapper').click();
      const options = page.locator('.el-select-dropdown__item:visible');
      await options.first().waitFor();
      const texts = await options.allInnerTexts();
      const pick = texts.find((t) => /rep|sales|销售/i.test(t) && !/manager|经理/i.test(t)) ?? texts.find((t) => !/admin|管理员/i.test(t)) ?? texts[0];
      await options.filter({ hasText: pick }).first().click();
      await dialog.locator('input[data-testid="user-name"]').click(); // close the dropdown
      await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' });
      await shot(page, config, '06-user-form');
      await dialog.locator('[data-testid="user-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('input[data-testid="table-search"]').fill(user.email);
      await page.locator('.el-table__row', { hasText: user.email }).waitFor();
      state.createdUser = { ...user, role: pick };
      await shot(page, config, '07-user-created');
    },
  },
  {
    name: 'admin edits the department tree',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.goto('/admin/departments');
      await page.locator('[data-testid="department-tree"]').waitFor();
      const prompt = async (text) => {
        const box = page.locator('.el-message-box:visible');
        await box.locator('input').fill(text);
        await box.locator('.el-button--primary').click();
        await box.waitFor({ state: 'hidden' });
      };
      // A node's row also holds its Add/Rename/Move/Delete buttons (the centre of a short name's row is
      // "Add"): select a department by its name, act through the button named for the action.
      const node = (name) => page.locator(`[data-testid="department-${name}"]`);
      const label = (name) => node(name).locator('.ky-node-name', { hasText: name });
      const root = `E2E 部门 ${stamp}`;
      const child = `E2E child ${stamp}`;
      await page.locator('[data-testid="department-add-root"]').click();
      await prompt(root);
      await node(root).waitFor();
      await node(root).getByRole('button', { name: 'Add' }).click();
      await prompt(child);
      await node(child).waitFor();
      await node(child).getByRole('button', { name: 'Rename' }).click();
      await prompt(`${child} renamed`);
      await node(`${child} renamed`).waitFor();
      // Move the child to the top level through the dialog, then delete both.
      await node(`${child} renamed`).getByRole('button', { name: 'Move' }).click();
      const dialog = page.locator('.el-dialog:visible');
      await dialog.locator('[data-testid="move-top-level"]').click();
      await dialog.locator('.el-button--primary').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction(
        (name) => {
          const el = document.querySelector(`[data-testid="department-${name}"]`);
          return el && el.closest('.el-tree-node').parentElement.closest('.el-tree-node') === null;
        },
        `${child} renamed`,
      );
      const level = await node(`${child} renamed`).evaluate((el) => el.closest('.el-tree-node').parentElement.closest('.el-tree-node') === null);
      assert(level, 'the moved department is at the top level');
      await label(`${child} renamed`).click();
      await page.locator('[data-testid="department-detail"]', { hasText: `${child} renamed` }).waitFor();
      await shot(page, config, '14-departments-edited');
      for (const name of [`${child} renamed`, root]) {
        await node(name).getByRole('button', { name: 'Delete' }).click();
        await page.locator('.el-message-box:visible .el-button--primary').click();
        await node(name).waitFor({ state: 'detached' });
      }
    },
  },
  {
    name: 'a user page shows details and the change history',
    async run({ page, config, state }) {
      await login(page, config.admin);
      await page.goto('/admin/users');
      const email = state.createdUser?.email ?? config.admin.email;
      await searchTable(page, 'users', email);
      await page.locator('.el-table__row', { hasText: email }).locator('a').first().click();
      await page.locator('[data-testid="detail-layout"]').waitFor();
      await page.getByRole('tab', { name: 'History' }).click();
      await page.locator('[data-testid="activity-timeline"], [data-testid="state-empty"]').first().waitFor();
      await shot(page, config, '15-user-detail-history');
    },
  },
  {
    name: "admin edits a role's permissions",
    async run({ page, config }) {
      await login(page, config.admin);
      await page.goto('/admin/roles');
      await page.locator('[data-testid="role-create"]').click();
      await page.locator('[data-testid="page-role-edit"]').waitFor();
      await page.locator('input[data-testid="role-name"]').fill(`E2E role ${stamp}`);
      await page.locator('input[data-testid="role-key"]').fill(`e2e_${stamp}`.toLowerCase().replace(/[^a-z0-9_]/g, '_'));
      await page.locator('[data-testid="perm-leads-read"]').click();
      // the saved role is loaded again on its own page: edit only once that has filled the form
      const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && /\/api\/v1\/roles\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname));
      await page.locator('[data-testid="role-save"]').click();
      await page.waitForURL(/\/admin\/roles\/[0-9a-f-]{36}/);
      await reloaded;
      await page.locator('[data-testid="matrix-row-leads"]').waitFor();

      // Edit: more actions on leads, a wider scope, and a whole row for contacts.
      await page.locator('[data-testid="perm-leads-create"]').click();
      await page.locator('[data-testid="perm-contacts-all"]').click();
      await page.locator('[data-testid="matrix-row-leads"] .el-select__wrapper').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'Department and below' }).click();
      await clickForAnswer(page, page.locator('[data-testid="role-save"]'), 'PATCH', /\/api\/v1\/roles\/[0-9a-f-]{36}$/);
      await shot(page, config, '08-role-matrix');

      await page.reload();
      await page.locator('[data-testid="matrix-row-leads"]').waitFor();
      const checked = async (id) => (await page.locator(`[data-testid="${id}"]`).getAttribute('class')).includes('is-checked');
      assert(await checked('perm-leads-read'), 'leads read kept');
      assert(await checked('perm-leads-create'), 'leads create saved');
      assert(!(await checked('perm-leads-delete')), 'leads delete not granted');
      assert(await checked('perm-contacts-export'), 'contacts row granted');
      const scope = await page.locator('[data-testid="matrix-row-leads"] .el-select').innerText();
      assert(scope.includes('Department and below'), `leads scope saved (got ${scope})`);
    },
  },
  {
    name: 'a sales rep sees a smaller menu and a 403 on admin pages',
    async run({ page, config, state }) {
      await page.goto('/login');
      await login(page, config.rep, { expectSuccess: false });
      const signedIn = await Promise.race([
        page.locator('[data-testid="side-menu"]').waitFor().then(() => true),
        page.locator('[data-testid="login-error"]').waitFor().then(() => false),
      ]);
      if (!signedIn) {
        // No demo data on this database: use the user the spec above created.
        assert(state.createdUser, `${config.rep.email} cannot sign in and no user was created`);
        console.log(`    (${config.rep.email} cannot sign in; using ${state.createdUser.email} with role ${state.createdUser.role})`);
        await login(page, state.createdUser);
      }
      const names = await menuNames(page);
      assert(!names.includes('menu-admin-roles'), `no role administration for a rep (got ${names.join(', ')})`);
      if (state.adminMenu) assert(names.length < state.adminMenu.length, 'the rep menu is smaller than the admin menu');
      await shot(page, config, '09-home-rep');
      await page.goto('/admin/roles');
      await page.locator('[data-testid="page-403"]').waitFor();
      await shot(page, config, '10-forbidden');
    },
  },
  {
    name: 'switching to Chinese shows Chinese labels and persists',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.locator('[data-testid="locale-switch"]').click();
      await page.locator('[data-testid="locale-zh-CN"]:visible').click();
      await page.locator('[data-testid="menu-group-admin"]', { hasText: '系统管理' }).waitFor();
      await page.goto('/admin/users');
      await page.locator('[data-testid="page-users"] .el-card__header', { hasText: '用户管理' }).waitFor();
      await page.locator('[data-testid="record-table-users"] th', { hasText: '邮箱' }).first().waitFor();
      const lang = await page.evaluate(() => document.documentElement.lang);
      assert(lang === 'zh-CN', `html lang is zh-CN (got ${lang})`);
      await page.reload();
      await page.locator('[data-testid="menu-admin-users"]', { hasText: '用户管理' }).waitFor();
      // Element Plus's own texts follow too (the empty table text, pagination, pickers).
      await shot(page, config, '11-users-zh');
      await page.goto('/admin/roles');
      await page.locator('[data-testid="record-table-roles"] .el-table__row').first().waitFor();
      await page.locator('[data-testid="record-table-roles"] a').first().click();
      await page.locator('[data-testid="permission-matrix"]', { hasText: '数据范围' }).waitFor();
      await shot(page, config, '12-role-matrix-zh');
    },
  },
  {
    name: 'logout, then a protected page asks to sign in and comes back',
    async run({ page, config }) {
      await login(page, config.admin);
      await logout(page);
      const stored = await page.evaluate(() => localStorage.getItem('keyuan.refreshToken'));
      assert(stored === null, 'the refresh token is gone after logout');
      await page.goto('/admin/departments');
      await page.waitForURL(/\/login\?redirect=/);
      await login(page, config.admin);
      await page.waitForURL(/\/admin\/departments$/);
      await page.locator('[data-testid="page-departments"]').waitFor();
      // A reload keeps the session (refresh token), the access token is not in storage.
      await page.reload();
      await page.locator('[data-testid="page-departments"]').waitFor();
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      assert(!/eyJ[\w-]+\.eyJ/.test(storage.replace(/"keyuan\.refreshToken":"[^"]*"/, '')), 'no access token in localStorage');
    },
  },
  {
    name: 'on a tablet the side menu collapses',
    async run({ page, config }) {
      await page.setViewportSize({ width: 820, height: 1180 });
      await login(page, config.admin);
      await page.locator('.el-menu--collapse[data-testid="side-menu"]').waitFor();
      await shot(page, config, '13-tablet');
      await page.locator('[data-testid="menu-toggle"]').click();
      await page.locator('[data-testid="side-menu"]:not(.el-menu--collapse)').waitFor();
    },
  },
  ...customerSpecs,
  ...listSpecs,
  ...activitySpecs,
  ...i18nSpecs,
  ...approvalSpecs,
  ...shellSpecs,
  ...boardSpecs,
  ...workflowSpecs,
  ...opportunitySpecs,
  ...quoteSpecs,
  ...contractSpecs,
  ...campaignSpecs,
  ...workspaceSpecs,
  ...currencySpecs,
  ...knowledgeBaseSpecs,
  ...paymentSpecs,
  ...ticketSpecs,
  ...analyticsSpecs,
  ...smsSpecs,
  ...emailSpecs,
  ...integrationSpecs,
  ...noticeSpecs,
  ...projectSpecs,
  ...documentSpecs,
  ...customSpecs,
];
