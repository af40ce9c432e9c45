import { loginWithApi } from './customers.specs.mjs';
import { assert, shot } from './helpers.mjs';

export const analyticsSpecs = [
  {
    name: 'analytics: a rep opens the dashboard, saves the funnel as CSV and clicks a funnel stage into the filtered opportunities list',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const funnel = await api('GET', '/analytics/funnel');
      const step = funnel.steps.find((s) => s.count > 0 && s.kind === 'open');
      assert(step, `the rep's funnel has an open stage with opportunities (got ${JSON.stringify(funnel.steps)})`);

      await page.locator('[data-testid="menu-analytics"]').click();
      await page.waitForURL(/\/analytics$/);
      await page.locator('[data-testid="analytics-funnel"] canvas').waitFor();
      await page.locator('[data-testid="analytics-revenue"] canvas').waitFor();
      // every chart card is either drawn or shows its empty state
      for (const name of ['forecast', 'statistical', 'aging', 'leaderboard', 'sla', 'csat', 'rfm']) {
        await page.locator(`[data-testid="analytics-${name}"] canvas, [data-testid="analytics-${name}"] [data-testid="state-empty"]`).first().waitFor();
      }
      await shot(page, config, '95-analytics');

      const download = page.waitForEvent('download');
      await page.locator('[data-testid="analytics-funnel-csv"]').click();
      const file = await download;
      assert(/^funnel-\d{4}-\d{2}-\d{2}\.csv$/.test(file.suggestedFilename()), `the funnel downloads as CSV (got ${file.suggestedFilename()})`);

      const button = page.locator(`[data-testid="funnel-stage-${step.stageId}"]`);
      assert((await button.innerText()).includes(String(step.count)), 'the stage button shows its count');
      await button.click();
      await page.waitForURL((url) => url.pathname === '/opportunities' && url.searchParams.get('view') === 'list' && url.searchParams.get('stageId') === step.stageId);
      await page.locator('[data-testid="page-opportunities"]').waitFor();
      await page.locator('[data-testid="record-table-opportunities"] .el-table__row').first().waitFor();
      const listed = await api('GET', `/opportunities?pipelineId=${funnel.pipelineId}&stageId=${step.stageId}&limit=200`);
      assert(listed.total > 0, 'the list behind the stage has rows');
      // the list keeps the stage filter and the list mode after it settled
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="record-table-opportunities"] .el-table__body-wrapper .el-table__row').length === n, Math.min(listed.total, 50));
      assert(new URL(page.url()).searchParams.get('view') === 'list', 'the page stays in list mode');
      await shot(page, config, '96-analytics-funnel-to-list');
    },
  },
];
