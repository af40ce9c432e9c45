import { loginWithApi } from './customers.specs.mjs';
import { assert, shot } from './helpers.mjs';

export const campaignSpecs = [
  {
    name: 'campaigns: a rep opens a demo campaign from the list and sees its ROI, the stat cards and the charts',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const list = (await api('GET', '/campaigns?type=event&limit=5')).data;
      const demo = list.find((c) => c.name.includes('Autumn launch'));
      assert(demo, 'the demo data has the autumn launch event');
      const { stats } = await api('GET', `/campaigns/${demo.id}`);
      assert(stats.roi !== null && stats.leads > 0, `the demo campaign has an ROI and leads (got ${JSON.stringify(stats)})`);

      await page.locator('[data-testid="menu-campaigns"]').click();
      await page.waitForURL(/\/campaigns$/);
      const link = page.locator(`[data-testid="campaign-link-${demo.name}"]`);
      await link.waitFor();
      assert((await page.locator('[data-testid^="campaign-status-"]').count()) > 0, 'the list shows status tags');
      await shot(page, config, '89-campaigns-list');
      await link.click();
      await page.waitForURL(new RegExp(`/campaigns/${demo.id}`));

      const roi = page.locator('[data-testid="stat-roi"]');
      await roi.waitFor();
      const expected = `${(Number(stats.roi) * 100).toFixed(2)}%`;
      await page.waitForFunction((text) => document.querySelector('[data-testid="stat-roi"]')?.textContent?.trim() === text, expected);
      assert((await page.locator('[data-testid="stat-leads"]').innerText()).trim() === String(stats.leads), 'the leads card shows the server figure');
      // the funnel and the cost-vs-won chart draw on canvases (ECharts is loaded lazily)
      await page.locator('[data-testid="campaign-funnel"] canvas').waitFor();
      await page.locator('[data-testid="campaign-cost-vs-won"] canvas').waitFor();
      await shot(page, config, '90-campaign-detail');

      // the segment tab counts its members live
      await page.locator('.el-tabs__item', { hasText: /Target segment|目标人群/ }).click();
      await page.locator('[data-testid="segment-count"]').waitFor();
      await page.locator('[data-testid="segment-members"]').waitFor();
      await shot(page, config, '91-campaign-segment');
    },
  },
];
