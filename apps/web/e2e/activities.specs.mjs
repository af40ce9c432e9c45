import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, login, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);
const digits = String(Date.now()).slice(-6);
const visibleDialog = (page) => page.locator('.el-dialog:visible').last();

/** A small lead CSV written for the test: `good` valid rows and one without a name. */
function leadCsv(good) {
  const rows = [['姓名', '公司', '手机', '邮箱']];
  for (let i = 0; i < good; i++) {
    rows.push([`导入测试 ${stamp} ${i}`, `E2E 导入公司 ${stamp}`, `137${digits}${String(i).padStart(2, '0')}`, `import-${stamp}-${i}@example.com`]);
  }
  rows.push(['', `E2E 缺名称 ${stamp}`, `136${digits}99`, '']);
  const file = join(mkdtempSync(join(tmpdir(), 'ky-e2e-')), `leads-${stamp}.csv`);
  writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
  return file;
}

export const activitySpecs = [
  {
    name: 'the home page lists my overdue, today and upcoming tasks, and one can be ticked off',
    async run({ page, config }) {
      await login(page, config.rep);
      const widget = page.locator('[data-testid="widget-my-tasks"]');
      await widget.locator('[data-testid="my-task"]').first().waitFor();
      for (const bucket of ['overdue', 'today', 'upcoming']) {
        const n = await widget.locator(`[data-testid="my-tasks-${bucket}"] [data-testid="my-task"]`).count();
        assert(n > 0, `rep1 has ${bucket} tasks on the home page (got ${n})`);
      }
      await shot(page, config, '50-home-my-tasks');

      const today = widget.locator('[data-testid="my-tasks-today"]');
      const before = Number(await today.locator('[data-testid="bucket-count"] sup').innerText());
      await today.locator('[data-testid="my-task-done"]').first().click();
      await today.locator('li.ky-done').first().waitFor();
      await page.waitForFunction(
        ([sel, n]) => Number(document.querySelector(sel)?.textContent) === n,
        ['[data-testid="my-tasks-today"] [data-testid="bucket-count"] sup', before - 1],
      );
      await shot(page, config, '51-home-task-done');

      await page.locator('[data-testid="menu-tasks"]').click();
      await page.locator('[data-testid="record-table-tasks"] .el-table__row').first().waitFor();
      await shot(page, config, '52-tasks');
      await page.locator('[data-testid="menu-calendar"]').click();
      await page.locator('[data-testid="calendar-grid"] [data-testid^="calendar-"]').first().waitFor();
      await shot(page, config, '53-calendar-month');
      await page.locator('[data-testid="calendar-view"] label', { hasText: 'Week' }).click();
      await page.locator('.ky-cal-week').waitFor();
      await shot(page, config, '54-calendar-week');
    },
  },
  {
    name: 'logging a call on a lead shows it on the lead\'s timeline',
    async run({ page, config }) {
      await login(page, config.rep);
      await page.locator('[data-testid="menu-leads"]').click();
      await page.locator('[data-testid="record-table-leads"] .el-table__row a').first().click();
      await page.locator('[data-testid="activity-timeline"], [data-testid="state-empty"]').first().waitFor();
      await page.locator('[data-testid="log-activity"]').click();
      const dialog = visibleDialog(page);
      const subject = `E2E 电话跟进 ${stamp}`;
      await dialog.locator('[data-testid="activity-type-call"]').click();
      await dialog.locator('input[data-testid="activity-subject"]').fill(subject);
      await dialog.locator('[data-testid="activity-duration-min"] input').fill('3');
      await dialog.locator('textarea[data-testid="activity-content"]').fill('客户希望下周看演示。Wants a demo next week.');
      await shot(page, config, '55-log-activity');
      await dialog.locator('[data-testid="activity-save"]').click();
      const entry = page.locator('[data-testid="timeline-activity"]', { hasText: subject });
      await entry.waitFor();
      const text = await entry.innerText();
      assert(text.includes('Outbound') && text.includes('Connected') && text.includes('3:00'), `the call's facts are on the timeline (got ${text})`);
      // newest first: the call just logged comes before anything older
      const first = await page.locator('[data-testid="activity-timeline"] .el-timeline-item').first().innerText();
      assert(first.includes(subject), 'the new call is the newest entry');
      await shot(page, config, '56-lead-timeline');
    },
  },
  {
    name: 'an admin imports leads from a CSV: mapping, dry run, progress to 100%, created count, revert',
    async run({ page, config }) {
      const good = 12;
      const file = leadCsv(good);
      await login(page, config.admin);
      await page.locator('[data-testid="menu-import"]').click();
      await page.locator('[data-testid="import-step-upload"]').waitFor();
      await page.locator('[data-testid="import-drop"] input[type="file"]').setInputFiles(file);
      await page.locator('[data-testid="import-file-name"]').waitFor();
      await shot(page, config, '57-import-upload');
      await page.locator('[data-testid="import-upload"]').click();

      await page.locator('[data-testid="mapping-table"]').waitFor();
      const mapped = await page.locator('[data-testid="mapping-手机"]').innerText();
      assert(/Phone/.test(mapped), `手机 is suggested as the phone (got ${mapped})`);
      await shot(page, config, '58-import-mapping');
      await page.locator('[data-testid="import-map-next"]').click();

      await page.locator('[data-testid="import-dry-run"]').click();
      const dry = page.locator('[data-testid="dry-run-result"]');
      await dry.waitFor({ timeout: 60000 });
      const wouldCreate = Number((await dry.locator('[data-testid="count-created"] .el-statistic__number').innerText()).replace(/\D/g, ''));
      assert(wouldCreate === good, `the dry run would create ${good} leads (got ${wouldCreate})`);
      await dry.locator('[data-testid="dry-run-errors"]').waitFor();
      await shot(page, config, '59-import-dry-run');

      await page.locator('[data-testid="import-run"]').click();
      const summary = page.locator('[data-testid="import-step-summary"]');
      await page.locator('[data-testid="import-step-run"], [data-testid="import-step-summary"]').first().waitFor();
      await summary.waitFor({ timeout: 60000 });
      const bar = summary.locator('[data-testid="import-summary-progress"]');
      const value = await bar.getAttribute('aria-valuenow');
      assert(value === '100' && (await bar.innerText()).includes('100%'), `the progress bar reached 100% (got ${value})`);
      const created = Number((await summary.locator('[data-testid="count-created"] .el-statistic__number').innerText()).replace(/\D/g, ''));
      const errors = Number((await summary.locator('[data-testid="count-errors"] .el-statistic__number').innerText()).replace(/\D/g, ''));
      assert(created === good, `created ${good} leads (got ${created})`);
      assert(errors === 1, `the nameless row failed (got ${errors})`);
      await shot(page, config, '60-import-summary');

      const download = page.waitForEvent('download');
      await summary.locator('[data-testid="import-errors"]').click();
      assert((await download).suggestedFilename().endsWith('.csv'), 'the error report downloads as CSV');

      await summary.locator('[data-testid="import-revert"]').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await summary.locator('.el-result__title', { hasText: 'Reverted' }).waitFor({ timeout: 60000 });
      await shot(page, config, '61-import-reverted');

      await page.locator('[data-testid="import-history-link"]').click();
      const row = page.locator('[data-testid="record-table-imports"] .el-table__row', { hasText: `leads-${stamp}.csv` });
      await row.waitFor();
      await shot(page, config, '62-import-history');

      // the uploader deletes the import (its file and error report) after a confirmation; the row goes
      await row.locator('[data-testid^="import-delete-"]').click();
      await page.locator('.el-message-box', { hasText: `leads-${stamp}.csv` }).waitFor();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await row.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'the leads list exports the filtered rows as CSV from the server',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.goto('/leads');
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      await page.locator('[data-testid="filter-status"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'New' }).first().click();
      const request = page.waitForRequest((r) => r.url().includes('/api/v1/leads/export'));
      const download = page.waitForEvent('download');
      await page.locator('[data-testid="table-export"]').click();
      const url = new URL((await request).url());
      assert(url.searchParams.get('status') === 'new' && url.searchParams.get('lang') === 'en-US', `the filters and language go to the export (got ${url.search})`);
      const name = (await download).suggestedFilename();
      assert(name.endsWith('.csv'), `a CSV downloads (got ${name})`);
    },
  },
  {
    name: 'the activity, task and import pages in Chinese',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.locator('[data-testid="locale-switch"]').click();
      await page.locator('[data-testid="locale-zh-CN"]:visible').click();
      await page.locator('[data-testid="menu-activities"]', { hasText: '跟进记录' }).waitFor();
      await page.locator('[data-testid="menu-activities"]').click();
      await page.locator('[data-testid="record-table-activities"] .el-table__row').first().waitFor();
      await shot(page, config, '63-activities-zh');
      await page.goto('/imports/new');
      await page.locator('[data-testid="import-step-upload"]', { hasText: '拖到此处' }).waitFor();
      await shot(page, config, '64-import-zh');
    },
  },
];
