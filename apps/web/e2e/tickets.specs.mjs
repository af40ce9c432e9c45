import { assert, clickForAnswer, login, logout, menuNames, shot } from './helpers.mjs';

const agent = { email: 'service@keyuan.local', password: 'Demo123!' };

export const ticketSpecs = [
  {
    name: 'tickets: an agent opens a ticket, replies publicly (first response recorded), resolves it, and the customer rates it on the public survey page logged out',
    async run({ page, config }) {
      await login(page, agent);
      const menu = await menuNames(page);
      assert(menu.includes('menu-tickets') && menu.includes('menu-return-visits') && !menu.includes('menu-ticket-teams'), `an agent sees the service desk but not its administration (got ${menu.join(', ')})`);
      await page.goto('/tickets');
      await page.locator('[data-testid="page-tickets"]').waitFor();
      await page.locator('[data-testid="record-table-tickets"] .el-table__row').first().waitFor(); // the demo agent's queue
      await shot(page, config, '94-tickets-queue');
      await page.locator('[data-testid="ticket-create"]').click();
      await page.locator('[data-testid="ticket-form"]').waitFor();
      await page.locator('input[data-testid="ticket-subject"]').fill('E2E 打印机无法连接');
      await page.locator('textarea[data-testid="ticket-description"]').fill('客户反馈打印机离线');
      const created = await clickForAnswer(page, page.locator('[data-testid="ticket-save"]'), 'POST', /\/api\/v1\/tickets$/);
      const ticket = await created.json();
      await page.locator('[data-testid="ticket-number"]', { hasText: ticket.number }).waitFor();
      await page.locator('[data-testid="first-responded-at"]', { hasText: '—' }).waitFor();

      await page.locator('textarea[data-testid="reply-body"]').fill('您好，请重启打印机后再试。');
      await clickForAnswer(page, page.locator('[data-testid="reply-send"]'), 'POST', /\/api\/v1\/tickets\/[0-9a-f-]+\/comments$/);
      await page.locator('[data-testid="comment-public"]', { hasText: '请重启打印机' }).waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="first-responded-at"]')?.textContent?.trim() !== '—');
      await page.locator('[data-testid="sla-firstResponse"][data-state="met"]').waitFor();
      await page.locator('[data-testid="ticket-status"][data-status="open"]').waitFor();
      await shot(page, config, '95-ticket-detail');

      const resolved = await clickForAnswer(page, page.locator('[data-testid="move-resolved"]'), 'POST', /\/api\/v1\/tickets\/[0-9a-f-]+\/status$/);
      const { surveyToken } = await resolved.json();
      assert(typeof surveyToken === 'string' && surveyToken.length > 10, 'resolving issues a survey token');
      await page.locator('[data-testid="ticket-status"][data-status="resolved"]').waitFor();

      await logout(page);
      await page.goto(`/survey/${surveyToken}`);
      await page.locator('[data-testid="page-survey"]').waitFor();
      await page.locator('[data-testid="survey-rating"] .el-rate__item').nth(3).click();
      await page.locator('textarea[data-testid="survey-comment"]').fill('Quick and friendly');
      await clickForAnswer(page, page.locator('[data-testid="survey-submit"]'), 'POST', /\/api\/v1\/public\/surveys\/[^/]+$/);
      await page.locator('[data-testid="survey-thanks"]').waitFor();
      assert(!page.url().includes('/login'), 'the survey page needs no login');
      await shot(page, config, '96-survey');
      await page.reload();
      await page.locator('[data-testid="survey-answered"]').waitFor();

      await login(page, agent);
      await page.goto(`/tickets/${ticket.id}`);
      await page.locator('[data-testid="ticket-survey"]', { hasText: 'Quick and friendly' }).waitFor();
    },
  },
  {
    name: 'tickets: an agent logs a phone ticket for an account, plans a return visit from it, moves it to the second line (its agent takes it) and records the visit outcome from the calendar',
    async run({ page, config }) {
      await login(page, agent);
      await page.goto('/tickets');
      await page.locator('[data-testid="ticket-create"]').click();
      await page.locator('[data-testid="ticket-form"]').waitFor();
      await page.locator('input[data-testid="ticket-subject"]').fill('E2E 设备反复重启');
      await page.locator('[data-testid="ticket-account"]').click();
      await page.locator('.el-select-dropdown__item:visible').first().click();
      const created = await (await clickForAnswer(page, page.locator('[data-testid="ticket-save"]'), 'POST', /\/api\/v1\/tickets$/)).json();
      assert(created.accountId && created.assigneeId, 'the ticket has the account and its creator as assignee');
      await page.locator('[data-testid="ticket-number"]', { hasText: created.number }).waitFor();

      await page.locator('[data-testid="ticket-plan-visit"]').click();
      await page.locator('[data-testid="visit-form"]').waitFor();
      const subject = await page.locator('input[data-testid="visit-subject"]').inputValue();
      assert(subject.includes(created.number), `the visit is prefilled from the ticket (got ${subject})`);
      const visit = await (await clickForAnswer(page, page.locator('[data-testid="visit-save"]'), 'POST', /\/api\/v1\/return-visits$/)).json();
      assert(visit.ticketId === created.id && visit.accountId === created.accountId, 'the visit links the ticket and its account');

      await page.locator('[data-testid="ticket-team-select"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'Tier 2' }).click();
      const moved = await (await clickForAnswer(page, page.locator('[data-testid="ticket-team-move"]'), 'PATCH', /\/api\/v1\/tickets\/[0-9a-f-]+$/)).json();
      assert(moved.teamName === '二线支持 Tier 2' && moved.assigneeId !== created.assigneeId, `the second line's agent takes the ticket (got ${moved.assigneeName})`);
      // the agent sees only their own tickets: handed over, it leaves their queue and the page goes back to it
      await page.locator('[data-testid="page-tickets"]').waitFor();

      await page.goto('/return-visits');
      await page.locator('[data-testid="visits-calendar"]').click();
      await page.locator('[data-testid="visits-month"]').waitFor();
      const now = new Date();
      if (Number(visit.plannedDate.slice(5, 7)) !== now.getMonth() + 1) await page.locator('.el-calendar__button-group button').nth(2).click();
      await page.locator(`[data-testid="calendar-visit-${visit.id}"]`).click();
      await page.locator('textarea[data-testid="visit-outcome"]').fill('客户确认设备已恢复正常');
      await page.locator('[data-testid="visit-satisfaction"] .el-rate__item').nth(4).click();
      const done = await (await clickForAnswer(page, page.locator('[data-testid="visit-save"]'), 'PATCH', /\/api\/v1\/return-visits\/[0-9a-f-]+$/)).json();
      assert(done.status === 'done' && done.satisfaction === 5, 'the outcome and satisfaction are recorded');
      await page.locator(`[data-testid="calendar-visit-${visit.id}"].done`).waitFor();
      await shot(page, config, '97-return-visit-calendar');
    },
  },
];
