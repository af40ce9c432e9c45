/** Ticket (工单) statuses and the moves between them, shared by the API (409 with `allowed`) and the SPA. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Ticket types (工单类型): 咨询, 投诉, 故障, 建议反馈, 服务请求. */
export const TICKET_TYPES = ['inquiry', 'complaint', 'fault', 'feedback', 'service_request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Where a ticket came in (来源渠道): 电话, 邮件, 网页, 短信, 微信, API. */
export const TICKET_CHANNELS = ['phone', 'email', 'web', 'sms', 'wechat', 'api'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_QUEUES = ['mine', 'team', 'unassigned', 'breaching', 'breached'] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];

/** Statuses in which a ticket waits on us (counted as open load, watched by the SLA job). */
export const TICKET_ACTIVE_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'reopened'];

const MOVES: Record<TicketStatus, TicketStatus[]> = {
  new: ['open', 'pending', 'resolved', 'closed'],
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['closed', 'reopened'],
  closed: [],
  reopened: ['open', 'pending', 'resolved', 'closed'],
};

/** The statuses a ticket in `status` may move to. */
export function allowedTicketMoves(status: TicketStatus): TicketStatus[] {
  return MOVES[status] ?? [];
}

export const RETURN_VISIT_METHODS = ['phone', 'visit', 'wechat', 'email', 'sms'] as const;
export type ReturnVisitMethod = (typeof RETURN_VISIT_METHODS)[number];
export const RETURN_VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ReturnVisitStatus = (typeof RETURN_VISIT_STATUSES)[number];

/** SLA targets of a ticket. */
export const SLA_TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
