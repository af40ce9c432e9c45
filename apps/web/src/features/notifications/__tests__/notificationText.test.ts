import { describe, expect, it } from 'vitest';
import { i18n } from '@/app/i18n';
import { notificationText } from '@/features/notifications/notificationText';

const composer = i18n.global as unknown as { locale: { value: string }; t: (k: string, v?: object) => string; te: (k: string) => boolean };
const render = (locale: string, n: Parameters<typeof notificationText>[1]) => {
  composer.locale.value = locale;
  return notificationText({ t: (k, v) => composer.t(k, v ?? {}), te: (k) => composer.te(k) }, n);
};
const base = { title: 'API text', body: 'API body', entityType: 'lead' as string | null };

describe('notificationText', () => {
  it.each([
    ['zh-CN', 'lead.assigned', { name: '王先生', by: '李经理', reason: '华东区域' }, 'lead', '李经理 把线索「王先生」分配给你', '华东区域'],
    ['en-US', 'lead.assigned', { name: '王先生', by: 'Li', reason: '' }, 'lead', 'Li assigned you the lead "王先生"', null],
    ['en-US', 'account.assigned', { name: 'Acme', by: 'Li', reason: 'East' }, 'account', 'Li assigned you the account "Acme"', 'East'],
    ['en-US', 'pool.returned', { count: 1, names: ['Acme'], pool: 'East', since: '2026-10-01' }, 'account', 'Back in the pool "East": Acme', '1 account without follow-up since 2026-10-01'],
    ['en-US', 'pool.returned', { count: 7, names: ['A', 'B'], pool: 'East', since: '2026-10-01' }, 'lead', 'Back in the pool "East": A, B…', '7 leads without follow-up since 2026-10-01'],
    ['zh-CN', 'pool.returned', { count: 2, names: ['甲', '乙'], pool: '华东', since: '2026-10-01' }, 'lead', '已退回公海「华东」：甲、乙', '2 条线索自 2026-10-01 起无跟进'],
    ['zh-CN', 'task.reminder', { title: '回访', due: '2026-12-01 10:00' }, 'task', '任务提醒：回访', '截止 2026-12-01 10:00'],
    ['en-US', 'lead.fromForm', { name: 'Wang', form: 'Website' }, 'lead', 'New web lead "Wang"', 'From the form "Website"'],
  ])('%s %s', (locale, kind, params, entityType, title, body) => {
    expect(render(locale, { ...base, kind, params, entityType })).toEqual({ title, body });
  });

  it('shows the stored text of old rows and the API text of kinds it does not know', () => {
    expect(render('zh-CN', { ...base, kind: 'lead.assigned', params: { text: '旧标题 / Old title', detail: 'old' } })).toEqual({ title: '旧标题 / Old title', body: 'old' });
    expect(render('zh-CN', { ...base, kind: 'quote.accepted', params: { name: 'Q-1' } })).toEqual({ title: 'API text', body: 'API body' });
  });
});
