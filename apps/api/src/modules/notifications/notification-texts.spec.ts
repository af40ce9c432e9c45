import { renderNotification } from './notification-texts';

describe('renderNotification', () => {
  it.each([
    ['lead.assigned', { name: '王先生', by: 'Manager', reason: '华东区域' }, 'lead', 'zh-CN', 'Manager 把线索「王先生」分配给你', '华东区域'],
    ['lead.assigned', { name: '王先生', by: 'Manager', reason: '' }, 'lead', 'en-US', 'Manager assigned you the lead "王先生"', null],
    ['pool.returned', { count: 1, names: ['Acme'], pool: 'East', since: '2026-10-01', entityType: 'account' }, 'account', 'en-US',
      'Back in the pool "East": Acme', '1 account without follow-up since 2026-10-01'],
    ['pool.returned', { count: 7, names: ['甲', '乙'], pool: '华东', since: '2026-10-01', entityType: 'lead' }, 'lead', 'zh-CN',
      '已退回公海「华东」：甲、乙…', '7 条线索自 2026-10-01 起无跟进'],
    ['task.reminder', { title: 'Call back', due: '2026-12-01 10:00' }, 'task', 'en-US', 'Task reminder: Call back', 'Due 2026-12-01 10:00'],
    ['lead.assigned', { text: '旧的双语标题 / Old title', detail: 'old body' }, 'lead', 'en-US', '旧的双语标题 / Old title', 'old body'],
    ['approval.rejected', { by: '王芳', flow: '撞单审批', name: '华东客户', comment: '已有人跟进' }, 'approval', 'zh-CN', '已驳回：撞单审批「华东客户」', '王芳：已有人跟进'],
    ['approval.requested', { by: 'Li Lei', flow: 'Duplicate lead', name: 'Acme' }, 'approval', 'en-US', 'Awaiting your approval: Duplicate lead "Acme"', 'Submitted by Li Lei'],
    ['unknown.kind', {}, null, 'en-US', 'unknown.kind', null],
  ] as const)('%s', (kind, params, entityType, locale, title, body) => {
    expect(renderNotification(kind, { ...params } as never, entityType, locale)).toEqual({ title, body });
  });
});
