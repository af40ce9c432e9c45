import { loginWithApi } from './customers.specs.mjs';
import { assert, clickForAnswer, dragAndDrop, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

/** Waits for the answer of a request the action causes (and checks its status). */
async function answerOf(page, action, method, path, status = 200) {
  const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
  await action();
  const res = await answer;
  assert(res.status() === status, `${method} ${new URL(res.url()).pathname} answered ${res.status()}, expected ${status}`);
  return res;
}

/** The rep's default pipeline and one of the rep's accounts, and a new opportunity in the given stage. */
async function setUp(api, name, stageIndex = 0) {
  const pipelines = (await api('GET', '/pipelines')).data;
  const pipeline = pipelines.find((p) => p.isDefault);
  const account = (await api('GET', '/accounts?limit=1')).data[0];
  assert(account, 'the rep has an account (demo data)');
  const opp = await api('POST', '/opportunities', {
    name,
    accountId: account.id,
    pipelineId: pipeline.id,
    stageId: pipeline.stages[stageIndex].id,
    amount: '12345.60',
    expectedCloseDate: new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10),
  });
  return { pipeline, opp };
}

/**
 * The board of the default pipeline with every column loaded (a drag before a column finished loading
 * can land on a column that is re-rendered under it: the leads kanban was flaky that way under load).
 */
async function openBoard(page, pipeline, cardName) {
  // every column side by side: a drag between columns never scrolls the board under the mouse
  await page.setViewportSize({ width: 1920, height: 1000 });
  await page.goto(`/opportunities?pipelineId=${pipeline.id}`);
  await page.locator('[data-testid="kanban-opportunities"]').waitFor();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid^="kanban-column-"][data-loading="false"]').length === n,
    pipeline.stages.length,
  );
  const card = page.locator(`[data-testid="opportunity-card-${cardName}"]`);
  await card.waitFor();
  return card;
}

const column = (page, stage) => page.locator(`[data-testid="kanban-column-${stage.id}"]`);
const cardIn = (page, stage, name) => column(page, stage).locator(`[data-testid="opportunity-card-${name}"]`);

export const opportunitySpecs = [
  {
    name: 'opportunities: drag a card to the next stage on the board, it stays there after a reload and the totals follow',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const name = `E2E 商机 ${stamp}`;
      const { pipeline, opp } = await setUp(api, name, 0);
      const [first, second] = pipeline.stages;
      const card = await openBoard(page, pipeline, name);
      assert((await cardIn(page, first, name).count()) === 1, 'the card starts in the first stage');
      const count = async (stage) => Number(await page.locator(`[data-testid="kanban-count-${stage.id}"]`).innerText());
      const before = [await count(first), await count(second)];
      await page.locator(`[data-testid="kanban-totals-${first.id}-base"]`).waitFor();

      const moved = await answerOf(page, () => dragAndDrop(page, card, column(page, second)), 'POST', new RegExp(`/api/v1/opportunities/${opp.id}/move$`));
      assert((await moved.json()).stageId === second.id, 'the drop moves it to the second stage');
      await cardIn(page, second, name).waitFor();
      assert((await count(first)) === before[0] - 1 && (await count(second)) === before[1] + 1, 'the column counts follow');
      await page.locator(`[data-testid="kanban-totals-${second.id}-base"]`).waitFor();
      await shot(page, config, '80-opportunities-board');

      await page.reload();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid^="kanban-column-"][data-loading="false"]').length === n,
        pipeline.stages.length,
      );
      await cardIn(page, second, name).waitFor();
      assert((await api('GET', `/opportunities/${opp.id}`)).stageId === second.id, 'the server has the new stage');
    },
  },
  {
    name: 'opportunities: a drop on the lost stage asks for the reason; cancelling puts the card back, confirming saves it',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const name = `E2E 输单 ${stamp}`;
      const { pipeline, opp } = await setUp(api, name, 1);
      const from = pipeline.stages[1];
      const lost = pipeline.stages.find((s) => s.kind === 'lost');
      const card = await openBoard(page, pipeline, name);
      const dialog = page.locator('[data-testid="lost-reason-dialog"]');

      let posted = false;
      const onRequest = (r) => {
        if (r.method() === 'POST' && r.url().includes(`/opportunities/${opp.id}/move`)) posted = true;
      };
      page.on('request', onRequest);
      await dragAndDrop(page, card, column(page, lost));
      await dialog.waitFor();
      await shot(page, config, '81-opportunities-lost-reason');
      await page.locator('[data-testid="lost-reason-cancel"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await cardIn(page, from, name).waitFor();
      assert((await cardIn(page, lost, name).count()) === 0, 'cancelling puts the card back');
      assert(!posted, 'cancelling saves nothing');
      page.off('request', onRequest);

      await dragAndDrop(page, cardIn(page, from, name), column(page, lost));
      await dialog.waitFor();
      await page.locator('textarea[data-testid="lost-reason-input"]').fill('价格高于竞品');
      const saved = await answerOf(page, () => page.locator('[data-testid="lost-reason-confirm"]').click(), 'POST', new RegExp(`/api/v1/opportunities/${opp.id}/move$`));
      const body = await saved.json();
      assert(body.stageId === lost.id && body.lostReason === '价格高于竞品', 'the move carries the reason');
      await cardIn(page, lost, name).waitFor();
    },
  },
  {
    name: 'opportunities: the detail page shows the stage progress, the stage history and the timeline',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const name = `E2E 详情 ${stamp}`;
      const { pipeline, opp } = await setUp(api, name, 0);
      const a = await api('POST', `/opportunities/${opp.id}/move`, { stageId: pipeline.stages[1].id, version: opp.version });
      await api('POST', `/opportunities/${opp.id}/move`, { stageId: pipeline.stages[2].id, version: a.version });

      await page.goto(`/opportunities/${opp.id}`);
      await page.locator('[data-testid="opportunity-stage-progress"]').waitFor();
      await page.locator(`[data-testid="stage-step-${pipeline.stages[2].id}"].is-process, [data-testid="stage-step-${pipeline.stages[2].id}"] .is-process`).first().waitFor();
      const rows = page.locator('[data-testid="opportunity-stage-history"] .el-table__row');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="opportunity-stage-history"] .el-table__row').length === 3);
      const firstRow = await rows.first().innerText();
      const third = pipeline.stages[2];
      assert(firstRow.includes(third.nameEn) || firstRow.includes(third.nameZh), `the newest move is into ${third.nameEn} (got ${firstRow})`);
      await shot(page, config, '82-opportunity-detail');

      await page.locator('.el-tabs__item', { hasText: /Timeline|动态/ }).click();
      await page.locator('[data-testid="activity-timeline"] [data-testid="timeline-change"]').first().waitFor();
      const text = await page.locator('[data-testid="activity-timeline"]').innerText();
      assert(text.includes(third.nameZh) || text.includes(third.nameEn), 'the timeline shows the stage move');

      // a call about the deal is logged from its timeline and shows there, newest first
      await page.locator('[data-testid="log-activity"]').click();
      const dialog = page.locator('.el-dialog:visible').last();
      const subject = `E2E 商机电话 ${stamp}`;
      await dialog.locator('[data-testid="activity-type-call"]').click();
      await dialog.locator('input[data-testid="activity-subject"]').fill(subject);
      await clickForAnswer(page, dialog.locator('[data-testid="activity-save"]'), 'POST', /\/api\/v1\/activities$/);
      await page.locator('[data-testid="timeline-activity"]', { hasText: subject }).waitFor();
      const first = await page.locator('[data-testid="activity-timeline"] .el-timeline-item').first().innerText();
      assert(first.includes(subject), 'the new call is the newest entry of the opportunity');
      await shot(page, config, '83-opportunity-timeline');
    },
  },
  {
    name: 'opportunities: line items with a product picker; the amount follows their total and is read-only in the form',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const name = `E2E 明细 ${stamp}`;
      const { opp } = await setUp(api, name, 0);
      await page.goto(`/opportunities/${opp.id}?tab=lines`);
      await page.locator('[data-testid="opportunity-lines"]').waitFor();
      await page.locator('[data-testid="opp-lines-edit"]').click();
      await page.locator('[data-testid="opp-line-add"]').click();
      const product = page.locator('[data-testid="opp-line-product-0"] input');
      await product.click();
      await product.fill('KY-CRM-STD');
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'KY-CRM-STD' }).click();
      await page.locator('input[data-testid="opp-line-qty-0"]').fill('3');
      // 3 × 19,800.00 (the demo catalogue's list price), previewed before saving
      await page.locator('[data-testid="opp-lines-preview-total"]', { hasText: '59,400.00' }).waitFor();
      const saved = await answerOf(page, () => page.locator('[data-testid="opp-lines-save"]').click(), 'PUT', new RegExp(`/api/v1/opportunities/${opp.id}/lines$`));
      const body = await saved.json();
      assert(body.amount === '59400.00' && body.hasLines, `the server totals the lines (got ${body.amount})`);
      await page.locator('[data-testid="opp-lines-total"]', { hasText: '59,400.00' }).waitFor();
      await page.locator('[data-testid="opportunity-amount-value"]', { hasText: '59,400.00' }).waitFor();
      await shot(page, config, '83-opportunity-lines');
      await page.locator('[data-testid="opportunity-edit"]').click();
      assert(await page.locator('input[data-testid="opportunity-amount"]').getAttribute('readonly') !== null, 'the amount is read-only while there are lines');
    },
  },
];
