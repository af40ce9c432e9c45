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
  {
    name: 'analytics: an admin sets a sales target in the targets screen, edits it, and the pipeline-filtered funnel and the SLA gauge open their lists',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.admin);
      const users = await api('GET', '/users?limit=200');
      const rep = users.data.find((u) => u.email === config.rep.email);
      assert(rep, 'the demo rep exists');
      // a month of its own, far ahead, so reruns start empty
      const period = `2031-${String((Date.now() % 12) + 1).padStart(2, '0')}`;
      for (const x of (await api('GET', `/sales-targets?period=${period}&limit=200`)).data) await api('DELETE', `/sales-targets/${x.id}`);

      await page.goto(`/analytics/targets?period=${period}`);
      await page.locator('[data-testid="page-sales-targets"] [data-testid="state-empty"]').waitFor();
      await page.locator('[data-testid="sales-target-create"]').click();
      const form = page.locator('[data-testid="sales-target-form"]');
      await form.waitFor();
      await page.locator('[data-testid="sales-target-user"]').click();
      await page.keyboard.type(rep.name.slice(0, 2));
      await page.locator('.el-select-dropdown__item:visible', { hasText: rep.name }).first().click();
      await page.locator('input[data-testid="sales-target-amount"]').fill('abc');
      await page.locator('[data-testid="sales-target-save"]').click();
      await form.locator('.el-form-item__error').first().waitFor();
      await page.locator('input[data-testid="sales-target-amount"]').fill('300000');
      await page.locator('[data-testid="sales-target-save"]').click();
      await form.waitFor({ state: 'hidden' });
      await page.locator(`[data-testid="sales-target-${rep.name}"]`).waitFor();
      await page.locator(`[data-testid="sales-target-edit-${rep.name}"]`).click();
      await form.waitFor();
      await page.locator('input[data-testid="sales-target-amount"]').fill('350000.50');
      await page.locator('[data-testid="sales-target-save"]').click();
      await form.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => /350,000\.50/.test(document.querySelector('[data-testid="sales-targets-table"]')?.textContent ?? ''));
      const saved = (await api('GET', `/sales-targets?period=${period}`)).data;
      assert(saved.length === 1 && saved[0].amount === '350000.50' && saved[0].userId === rep.id, `the target is saved (got ${JSON.stringify(saved)})`);
      await shot(page, config, '97-sales-targets');

      // the funnel with a pipeline chosen opens the list with pipelineId (a `pipeline` parameter was a 400)
      const pipelines = await api('GET', '/pipelines');
      const pipeline = pipelines.data.find((p) => p.isDefault) ?? pipelines.data[0];
      await page.goto('/analytics');
      await page.locator('[data-testid="analytics-pipeline"]').click();
      await page.locator('.el-select-dropdown__item:visible').filter({ hasText: pipeline.nameZh }).or(page.locator('.el-select-dropdown__item:visible').filter({ hasText: pipeline.nameEn })).first().click();
      const funnel = await api('GET', `/analytics/funnel?pipelineId=${pipeline.id}`);
      const step = funnel.steps.find((s) => s.count > 0);
      if (step) {
        const failed = [];
        page.on('response', (r) => r.url().includes('/api/v1/opportunities') && r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
        await page.locator(`[data-testid="funnel-stage-${step.stageId}"]`).click();
        await page.waitForURL((url) => url.pathname === '/opportunities' && url.searchParams.get('pipelineId') === pipeline.id);
        await page.locator('[data-testid="record-table-opportunities"] .el-table__row').first().waitFor();
        assert(failed.length === 0, `the list behind the funnel loads without errors (got ${failed.join(', ')})`);
      }

      // the SLA gauge's "missed" link opens the tickets of its period that missed their SLA, over every queue
      await page.goto('/analytics');
      const service = await api('GET', '/analytics/service');
      if (service.overall.slaTracked > 0) {
        await page.locator('[data-testid="analytics-sla-missed"]').click();
        await page.waitForURL((url) => url.pathname === '/tickets' && url.searchParams.get('slaOutcome') === 'missed' && url.searchParams.get('openedDateFrom') === service.from);
        await page.locator('[data-testid="ticket-queues"]').waitFor();
        const missed = await api('GET', `/tickets?slaOutcome=missed&openedDateFrom=${service.from}&openedDateTo=${service.to}&limit=200`);
        if (missed.total) await page.locator('[data-testid="record-table-tickets"] .el-table__row').first().waitFor();
        else await page.locator('[data-testid="page-tickets"] [data-testid="state-empty"], [data-testid="record-table-tickets"] .el-table__empty-block').first().waitFor();
      }
    },
  },
];
