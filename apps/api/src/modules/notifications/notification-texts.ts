export type NotificationLocale = 'zh-CN' | 'en-US';
export type NotificationParams = Record<string, string | number | string[]>;

interface Texts {
  title: string;
  body?: string;
}

/**
 * The API's own rendering of notification kinds, for API users (the SPA renders the same kinds from
 * its locale files, `notifications.kinds.*`). `{param}` placeholders; `{record}` is the entity word.
 */
const TEXTS: Record<string, Record<NotificationLocale, Texts>> = {
  'lead.assigned': {
    'zh-CN': { title: '{by} 把线索「{name}」分配给你', body: '{reason}' },
    'en-US': { title: '{by} assigned you the lead "{name}"', body: '{reason}' },
  },
  'account.assigned': {
    'zh-CN': { title: '{by} 把客户「{name}」分配给你', body: '{reason}' },
    'en-US': { title: '{by} assigned you the account "{name}"', body: '{reason}' },
  },
  'lead.fromForm': {
    'zh-CN': { title: '新的网站线索「{name}」', body: '来自表单「{form}」' },
    'en-US': { title: 'New web lead "{name}"', body: 'From the form "{form}"' },
  },
  'task.assigned': {
    'zh-CN': { title: '{by} 给你分配了任务「{title}」', body: '截止 {due}' },
    'en-US': { title: '{by} assigned you the task "{title}"', body: 'Due {due}' },
  },
  'task.reminder': {
    'zh-CN': { title: '任务提醒：{title}', body: '截止 {due}' },
    'en-US': { title: 'Task reminder: {title}', body: 'Due {due}' },
  },
  'approval.requested': {
    'zh-CN': { title: '待你审批：{flow}「{name}」', body: '{by} 提交' },
    'en-US': { title: 'Awaiting your approval: {flow} "{name}"', body: 'Submitted by {by}' },
  },
  'approval.approved': {
    'zh-CN': { title: '已通过：{flow}「{name}」', body: '{by}' },
    'en-US': { title: 'Approved: {flow} "{name}"', body: '{by}' },
  },
  'approval.rejected': {
    'zh-CN': { title: '已驳回：{flow}「{name}」', body: '{by}：{comment}' },
    'en-US': { title: 'Rejected: {flow} "{name}"', body: '{by}: {comment}' },
  },
  'approval.commented': {
    'zh-CN': { title: '{by} 评论了审批「{name}」', body: '{comment}' },
    'en-US': { title: '{by} commented on the approval "{name}"', body: '{comment}' },
  },
  'workflow.notify': {
    'zh-CN': { title: '「{name}」：{message}', body: '来自自动化规则「{rule}」' },
    'en-US': { title: '"{name}": {message}', body: 'From the workflow rule "{rule}"' },
  },
  'webhook.disabled': {
    'zh-CN': { title: 'Webhook「{name}」已停用', body: '{reason}' },
    'en-US': { title: 'Webhook "{name}" was disabled', body: '{reason}' },
  },
  'ticket.assigned': {
    'zh-CN': { title: '{by} 把工单 {number}「{subject}」分配给你' },
    'en-US': { title: '{by} assigned you the ticket {number} "{subject}"' },
  },
  'ticket.slaWarning': {
    'zh-CN': { title: '工单 {number} 即将超时', body: '「{subject}」' },
    'en-US': { title: 'Ticket {number} is about to breach its SLA', body: '"{subject}"' },
  },
  'ticket.slaBreached': {
    'zh-CN': { title: '工单 {number} 已超时', body: '「{subject}」' },
    'en-US': { title: 'Ticket {number} breached its SLA', body: '"{subject}"' },
  },
  'ticket.reopened': {
    'zh-CN': { title: '客户重新打开了工单 {number}', body: '「{subject}」' },
    'en-US': { title: 'The customer reopened ticket {number}', body: '"{subject}"' },
  },
  'pool.returned': {
    'zh-CN': { title: '已退回公海「{pool}」：{names}', body: '{count} 条{record}自 {since} 起无跟进' },
    'en-US': { title: 'Back in the pool "{pool}": {names}', body: '{count} {record} without follow-up since {since}' },
  },
};

const RECORDS: Record<string, Record<NotificationLocale, [string, string]>> = {
  lead: { 'zh-CN': ['线索', '线索'], 'en-US': ['lead', 'leads'] },
  account: { 'zh-CN': ['客户', '客户'], 'en-US': ['account', 'accounts'] },
};

/** Cuts to at most `max` characters without splitting a surrogate pair, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function value(v: string | number | string[] | undefined, locale: NotificationLocale, count: number): string {
  if (!Array.isArray(v)) return v === undefined ? '' : String(v);
  const joined = v.join(locale === 'zh-CN' ? '、' : ', ');
  return count > v.length ? `${joined}…` : joined;
}

/** Title and body of a notification in `locale`; rows from before kinds had params show their stored text. */
export function renderNotification(
  kind: string,
  params: NotificationParams,
  entityType: string | null,
  locale: NotificationLocale,
): { title: string; body: string | null } {
  const texts = TEXTS[kind]?.[locale];
  if (!texts || typeof params.text === 'string') {
    return { title: String(params.text ?? kind), body: typeof params.detail === 'string' ? params.detail : null };
  }
  const count = Number(params.count ?? 1);
  const record = RECORDS[entityType ?? '']?.[locale][count === 1 ? 0 : 1] ?? entityType ?? '';
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => (k === 'record' ? record : value(params[k], locale, count)));
  const body = texts.body ? fill(texts.body).trim() : '';
  return { title: clip(fill(texts.title), 200), body: body || null };
}
