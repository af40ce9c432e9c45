import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { allowedTicketMoves, type TicketStatus } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { CsvLocale } from '@core/http/csv-export';
import { badRequest, conflict } from '@core/http/domain-error';
import { Page } from '@core/http/keyset';
import { SequencesService } from '@core/sequences/sequences.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { ContractsService } from '@modules/contracts/contracts.service';
import { KnowledgeBaseService } from '@modules/knowledge-base/knowledge-base.service';
import { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { ProductsService } from '@modules/products/products.service';
import {
  CreateTicketCommentDto,
  CreateTicketDto,
  ExportTicketsDto,
  QueryTicketsDto,
  TicketCommentList,
  TicketCommentResponse,
  TicketResponse,
  TicketSummaryResponse,
  UpdateTicketDto,
} from './dto/ticket.dto';
import { ServiceLinks } from './service-links';
import { TicketClock } from './ticket-clock';
import { TicketComment } from './ticket-comment.entity';
import { TicketRecords } from './ticket-records';
import { closePause, lateAt, openPause, reopensWithin, stopsClock, underWarranty } from './ticket-sla';
import { TicketSlaService } from './ticket-sla.service';
import { TicketTeamsService } from './ticket-teams.service';
import { Ticket } from './ticket.entity';
import { TicketErrorCode } from './tickets.errors';

/** The sequence ticket numbers come from (core/sequences). */
export const TICKET_SEQUENCE = 'ticket';

export const newToken = () => randomBytes(24).toString('base64url');

/** What a customer's answer did: added to the ticket, reopened it, or opened a new ticket linked to it. */
export interface CustomerAnswer {
  outcome: 'replied' | 'reopened' | 'created';
  id: string;
  number: string;
  token: string;
}

export type TicketInput = Omit<CreateTicketDto, 'openedAt'> & { openedAt?: string | Date };
export interface OpenOptions {
  formId?: string | null;
  parentTicketId?: string | null;
  /** The customer's words become the first (public) message. */
  customerMessage?: string;
}

const toComment = (c: TicketComment): TicketCommentResponse => ({
  id: c.id,
  visibility: c.visibility,
  fromCustomer: c.fromCustomer,
  authorId: c.authorId,
  authorName: c.authorName,
  body: c.body,
  createdAt: c.createdAt,
});

/**
 * Tickets (工单): create with round-robin assignment and SLA targets, edit, reassign, status moves with
 * pauses, the conversation. The customer's side (web form, public replies, survey) is TicketPublicService's.
 */
@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly records: TicketRecords,
    private readonly sequences: SequencesService,
    private readonly clock: TicketClock,
    private readonly sla: TicketSlaService,
    private readonly teams: TicketTeamsService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly products: ProductsService,
    private readonly contracts: ContractsService,
    private readonly notifications: NotificationsService,
    private readonly kb: KnowledgeBaseService,
    private readonly links: ServiceLinks,
  ) {}

  list(actor: AuthUser, query: QueryTicketsDto): Promise<Page<TicketSummaryResponse>> {
    return this.records.listFor(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined });
  }

  exportCsv(actor: AuthUser, query: ExportTicketsDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined }, res, locale);
  }

  async get(actor: AuthUser, id: string): Promise<TicketResponse> {
    return this.detail(actor, await this.records.find(actor, id));
  }

  async history(actor: AuthUser, id: string): Promise<RecordHistoryResponse> {
    return this.audit.historyOf(actor, 'ticket', (await this.records.find(actor, id)).id);
  }

  async create(actor: AuthUser, dto: CreateTicketDto): Promise<TicketResponse> {
    const t = await this.ds.transaction((m) => this.open(m, actor, dto, {}));
    // the creator may have handed it to an agent outside their own scope: answer what was made
    return this.detail(actor, t);
  }

  /**
   * Opens a ticket in the caller's transaction: links checked, the team's row locked and the least-loaded
   * agent picked (unless an assignee is named), the SLA policy of the priority and account level applied
   * from `openedAt`, then the number (its counter stays locked to the end: gap-free).
   */
  async open(m: EntityManager, actor: AuthUser | null, dto: TicketInput, opts: OpenOptions): Promise<Ticket> {
    const now = this.clock.now();
    const openedAt = dto.openedAt ? new Date(dto.openedAt) : now;
    if (openedAt.getTime() > now.getTime() + 60_000) throw badRequest(TicketErrorCode.TICKET_OPENED_IN_FUTURE, 'openedAt', 'openedAt cannot be in the future');
    await this.assertLinks(m, actor, dto);
    let assigneeId = dto.assigneeId ?? null;
    let teamLeadId: string | null = null;
    if (dto.teamId) {
      const team = await this.teams.lockTeam(m, dto.teamId);
      teamLeadId = team.leadId;
      if (assigneeId) await this.assertMember(m, dto.teamId, assigneeId);
      else assigneeId = await this.teams.pickAgent(m, team);
    } else if (actor) {
      // without a team, the assignee is the creator or someone inside the creator's tickets scope (403 otherwise)
      assigneeId = (await this.users.resolveOwner(m, actor, 'tickets', assigneeId)).ownerId;
    }
    // an unassigned ticket belongs to its team lead's department (else its creator's), so the service desk's
    // department scope sees it in the "unassigned" queue; with neither, only users of scope all see it
    const departmentId = assigneeId
      ? await this.users.activeUserDepartment(m, assigneeId, 'assigneeId')
      : teamLeadId
        ? await this.users.activeUserDepartment(m, teamLeadId, 'teamId').catch(() => actor?.departmentId ?? null)
        : (actor?.departmentId ?? null);
    const t = Object.assign(new Ticket(), {
      name: dto.subject,
      description: dto.description ?? null,
      type: dto.type ?? 'inquiry',
      channel: dto.channel ?? 'web',
      priority: dto.priority ?? 'normal',
      status: 'new' as TicketStatus,
      accountId: dto.accountId ?? null,
      contactId: dto.contactId ?? null,
      productId: dto.productId ?? null,
      contractId: dto.contractId ?? null,
      serviceRecordId: dto.serviceRecordId ?? null,
      teamId: dto.teamId ?? null,
      ownerId: assigneeId,
      departmentId,
      tags: [...new Set(dto.tags ?? [])],
      requesterName: dto.requesterName ?? null,
      requesterEmail: dto.requesterEmail?.toLowerCase() ?? null,
      requesterPhone: dto.requesterPhone ?? null,
      publicToken: newToken(),
      parentTicketId: opts.parentTicketId ?? null,
      formId: opts.formId ?? null,
      openedAt,
      pauses: [],
      firstRespondedAt: null,
      awaitingSince: null,
      firstResponseBreached: false,
      nextResponseBreached: false,
      resolutionBreached: false,
      slaWarned: [],
      slaBreached: false,
      resolvedAt: null,
      closedAt: null,
      surveyToken: null,
      surveyRating: null,
      surveyComment: null,
      surveyedAt: null,
      custom: dto.custom,
    });
    await this.sla.apply(m, t, await this.sla.policyFor(m, t));
    t.number = (await this.sequences.next(m, TICKET_SEQUENCE, this.config.ticketNumberFormat, now)).number;
    const { id: _id, ...values } = t;
    const saved = await this.records.store.create(actor, values, m);
    if (opts.customerMessage) await this.addMessage(m, saved.id, { visibility: 'public', fromCustomer: true, authorId: null, authorName: saved.requesterName, body: opts.customerMessage });
    if (assigneeId && assigneeId !== actor?.id) await this.notifyAssigned(m, actor, saved);
    return saved;
  }

  async update(actor: AuthUser, id: string, dto: UpdateTicketDto, ifMatch?: number): Promise<TicketResponse> {
    const { version, assigneeId, openedAt, subject, ...fields } = dto;
    for (const f of ['type', 'channel', 'priority', 'tags'] as const) {
      if (fields[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be empty`);
    }
    if (subject === null) throw badRequest('VALIDATION_FAILED', 'subject', 'subject cannot be empty');
    const saved = await this.ds.transaction(async (m) => {
      let reassigned = false;
      const t = await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (t) => {
          this.assertOpen(t);
          // only links that change are checked: a record linked by someone with a wider scope stays as it is
          const changed = <K extends keyof typeof fields>(k: K) => (fields[k] !== undefined && fields[k] !== (t as unknown as Record<string, unknown>)[k] ? fields[k] : undefined);
          await this.assertLinks(m, actor, { accountId: changed('accountId'), contactId: changed('contactId'), productId: changed('productId'), contractId: changed('contractId'), serviceRecordId: changed('serviceRecordId'), teamId: changed('teamId') });
          const retarget = (fields.priority && fields.priority !== t.priority) || (fields.accountId !== undefined && fields.accountId !== t.accountId) || openedAt !== undefined;
          const newTeam = fields.teamId && fields.teamId !== t.teamId ? fields.teamId : null;
          Object.assign(t, fields);
          if (fields.tags) t.tags = [...new Set(fields.tags)];
          if (fields.requesterEmail) t.requesterEmail = fields.requesterEmail.toLowerCase();
          if (subject !== undefined) t.name = subject;
          if (openedAt !== undefined) {
            const at = new Date(openedAt);
            if (at.getTime() > this.clock.now().getTime() + 60_000) throw badRequest(TicketErrorCode.TICKET_OPENED_IN_FUTURE, 'openedAt', 'openedAt cannot be in the future');
            t.openedAt = at;
          }
          if (assigneeId !== undefined && assigneeId !== t.ownerId) {
            await this.reassignTo(m, actor, t, assigneeId);
            reassigned = true;
          } else if (newTeam) {
            reassigned = await this.followTeam(m, t, newTeam);
          }
          if (retarget) await this.sla.apply(m, t, await this.sla.policyFor(m, t));
        },
        m,
      );
      if (reassigned && t.ownerId && t.ownerId !== actor.id) await this.notifyAssigned(m, actor, t);
      return t;
    });
    return this.detail(actor, saved);
  }

  /** Manual reassign (an active user; a member of the ticket's team when it has one). */
  async assign(actor: AuthUser, id: string, assigneeId: string, ifMatch?: number): Promise<TicketResponse> {
    const saved = await this.ds.transaction(async (m) => {
      const t = await this.records.store.update(actor, id, ifMatch, async (t) => {
        this.assertOpen(t);
        await this.reassignTo(m, actor, t, assigneeId);
      }, m, 'assign');
      if (t.ownerId !== actor.id) await this.notifyAssigned(m, actor, t);
      return t;
    });
    return this.detail(actor, saved);
  }

  /** A status move the machine allows (409 TICKET_ILLEGAL_TRANSITION with `allowed` otherwise). */
  async setStatus(actor: AuthUser, id: string, status: TicketStatus, ifMatch?: number): Promise<TicketResponse> {
    const saved = await this.ds.transaction((m) =>
      this.records.store.update(actor, id, ifMatch, async (t) => {
        const allowed = allowedTicketMoves(t.status);
        if (!allowed.includes(status)) {
          throw conflict(TicketErrorCode.TICKET_ILLEGAL_TRANSITION, `A ticket in status ${t.status} cannot move to ${status}; allowed: ${allowed.join(', ') || 'none'}`, undefined, { allowed }, { params: { status: t.status, to: status } });
        }
        await this.move(m, t, status);
      }, m, 'status'),
    );
    return this.detail(actor, saved);
  }

  /**
   * Moves `t` (locked, in memory) to `to` at the clock's now: the clock stops (a pause opens) entering a
   * pausing status and runs again (the pause closes) leaving one; resolving records whether it was late and
   * issues the survey token; reopening runs the resolution clock again. Due times are recomputed.
   */
  async move(m: EntityManager, t: Ticket, to: TicketStatus): Promise<void> {
    const now = this.clock.now();
    const policy = t.slaPolicyId ? await this.sla.policyById(m, t.slaPolicyId) : null;
    const pausing = policy?.pauseStatuses ?? ['pending'];
    const was = stopsClock(t.status, pausing);
    const will = stopsClock(to, pausing);
    t.status = to;
    if (!was && will) t.pauses = openPause(t.pauses, now);
    if (was && !will) t.pauses = closePause(t.pauses, now);
    if (to === 'resolved' || (to === 'closed' && !t.resolvedAt)) {
      t.resolvedAt = now;
      t.resolutionBreached = t.resolutionBreached || lateAt(t.resolutionDueAt, now);
      t.awaitingSince = null;
      if (to === 'resolved' && t.surveyRating === null) t.surveyToken = newToken();
    }
    if (to === 'closed') t.closedAt = now;
    if (to === 'reopened') {
      t.resolvedAt = null;
      t.closedAt = null;
      // an unanswered survey of the earlier resolution closes: the next resolution issues a new one
      if (t.surveyRating === null) t.surveyToken = null;
    }
    await this.sla.apply(m, t, policy);
  }

  async comments(actor: AuthUser, id: string): Promise<TicketCommentList> {
    const t = await this.records.find(actor, id);
    const rows = await this.ds.getRepository(TicketComment).find({ where: { ticketId: t.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { data: rows.map(toComment) };
  }

  /**
   * A public reply or an internal note. The first public reply records the first response (late: breached);
   * any public reply answers the customer's waiting message; a new or reopened ticket becomes open.
   */
  async comment(actor: AuthUser, id: string, dto: CreateTicketCommentDto): Promise<TicketCommentResponse> {
    return this.ds.transaction(async (m) => {
      let comment: TicketComment | null = null;
      await this.records.store.update(actor, id, undefined, async (t) => {
        if (t.status === 'closed') throw conflict(TicketErrorCode.TICKET_CLOSED, 'A closed ticket takes no more comments');
        comment = await this.addMessage(m, t.id, { visibility: dto.visibility, fromCustomer: false, authorId: actor.id, authorName: actor.name ?? null, body: dto.body });
        if (dto.visibility === 'internal') return [{ field: 'note', old: null, new: comment.id }];
        const now = this.clock.now();
        if (!t.firstRespondedAt) {
          t.firstRespondedAt = now;
          t.firstResponseBreached = t.firstResponseBreached || lateAt(t.firstResponseDueAt, now);
        }
        if (t.awaitingSince) {
          t.nextResponseBreached = t.nextResponseBreached || lateAt(t.nextResponseDueAt, now);
          t.awaitingSince = null;
        }
        if (t.status === 'new' || t.status === 'reopened') await this.move(m, t, 'open');
        else await this.sla.apply(m, t);
        return [{ field: 'reply', old: null, new: comment.id }];
      }, m, 'comment');
      return toComment(comment!);
    });
  }

  /** A customer's message on an active ticket (public endpoint): a pending ticket opens, the next-response clock starts. */
  async customerMessage(m: EntityManager, t: Ticket, body: string): Promise<void> {
    await this.records.store.update(null as never, t.id, undefined, async (locked) => {
      const c = await this.addMessage(m, locked.id, { visibility: 'public', fromCustomer: true, authorId: null, authorName: locked.requesterName, body });
      if (locked.status === 'pending') await this.move(m, locked, 'open');
      if (locked.firstRespondedAt && !locked.awaitingSince) {
        locked.awaitingSince = this.clock.now();
        locked.slaWarned = locked.slaWarned.filter((w) => w !== 'nextResponse');
      }
      await this.sla.apply(m, locked);
      return [{ field: 'customerReply', old: null, new: c.id }];
    }, m, 'customerReply');
  }

  /** A resolved ticket the customer answered within TICKET_REOPEN_DAYS: reopened, their message on it. */
  async reopenByCustomer(m: EntityManager, t: Ticket, body: string): Promise<void> {
    await this.records.store.update(null as never, t.id, undefined, async (locked) => {
      await this.move(m, locked, 'reopened');
      const c = await this.addMessage(m, locked.id, { visibility: 'public', fromCustomer: true, authorId: null, authorName: locked.requesterName, body });
      return [{ field: 'customerReply', old: null, new: c.id }];
    }, m, 'reopen');
    if (t.ownerId) await this.notifications.notify(m, [t.ownerId], { kind: 'ticket.reopened', params: { number: t.number, subject: t.name }, entityType: 'ticket', entityId: t.id });
  }

  /**
   * A customer answers a ticket (a public reply with its token, or a mail naming it): an active ticket gets the
   * message (a pending one opens again), a resolved one reopens within TICKET_REOPEN_DAYS of its resolution, and
   * past that (or closed) a new ticket is opened, linked to the old one. Null when no live ticket matches.
   */
  async answerByCustomer(m: EntityManager, which: { token: string } | { id: string } | { number: string }, body: string): Promise<CustomerAnswer | null> {
    const q = m.getRepository(Ticket).createQueryBuilder('tk').where('tk.deleted_at IS NULL');
    if ('token' in which) q.andWhere('tk.public_token = :v', { v: which.token });
    else if ('id' in which) q.andWhere('tk.id = :v', { v: which.id });
    else q.andWhere('tk.number = :v', { v: which.number });
    const t = await q.setLock('pessimistic_write').getOne();
    if (!t) return null;
    const now = this.clock.now();
    if (t.status === 'resolved' && reopensWithin(t.resolvedAt, now, this.config.ticketReopenDays)) {
      await this.reopenByCustomer(m, t, body);
      return { outcome: 'reopened', id: t.id, number: t.number, token: t.publicToken };
    }
    if (t.status === 'resolved' || t.status === 'closed') {
      const next = await this.open(
        m,
        null,
        {
          subject: t.name.startsWith('Re: ') ? t.name : `Re: ${t.name}`.slice(0, 200),
          description: body,
          type: t.type,
          channel: t.channel,
          priority: t.priority,
          accountId: t.accountId,
          contactId: t.contactId,
          productId: t.productId,
          contractId: t.contractId,
          serviceRecordId: t.serviceRecordId,
          teamId: t.teamId,
          assigneeId: t.teamId ? undefined : t.ownerId,
          requesterName: t.requesterName,
          requesterEmail: t.requesterEmail,
          requesterPhone: t.requesterPhone,
        },
        { parentTicketId: t.id, customerMessage: body },
      );
      return { outcome: 'created', id: next.id, number: next.number, token: next.publicToken };
    }
    await this.customerMessage(m, t, body);
    return { outcome: 'replied', id: t.id, number: t.number, token: t.publicToken };
  }

  /**
   * A ticket a customer opened by mail (the service mailbox), in the caller's transaction: no acting user, the
   * contact and account the sender's address matched (existence only), the mail's text as the first public message.
   */
  async openByMail(m: EntityManager, mail: { subject: string; body: string; fromName: string | null; fromAddress: string; contactId: string | null; accountId: string | null }): Promise<{ id: string; number: string }> {
    const t = await this.open(
      m,
      null,
      {
        subject: (mail.subject.trim() || '(no subject)').slice(0, 200),
        description: mail.body.slice(0, 20000),
        channel: 'email',
        contactId: mail.contactId,
        accountId: mail.accountId,
        requesterName: mail.fromName?.slice(0, 100) ?? null,
        requesterEmail: mail.fromAddress.length <= 254 ? mail.fromAddress : null,
      },
      {},
    );
    return { id: t.id, number: t.number };
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<TicketSummaryResponse> {
    return this.records.restore(actor, id);
  }

  /** The full response: the summary, links with names, warranty, policy, pauses, survey. */
  async detail(actor: AuthUser | null, t: Ticket, m: EntityManager = this.ds.manager): Promise<TicketResponse> {
    const [summary] = await this.records.toResponses(actor, [t], m);
    const product = t.productId ? await this.products.getInTx(null as never, t.productId, m).catch(() => null) : null;
    const contracts = await this.contracts.titlesByIds([t.contractId], m);
    const parent: { number: string }[] = t.parentTicketId ? await m.query(`SELECT number FROM tickets WHERE id = $1`, [t.parentTicketId]) : [];
    const policy: { name: string }[] = t.slaPolicyId ? await m.query(`SELECT name FROM sla_policies WHERE id = $1`, [t.slaPolicyId]) : [];
    const sr: { id: string; serial_number: string; product_name: string | null; warranty_end: string | null }[] = t.serviceRecordId
      ? await m.query(`SELECT id, serial_number, product_name, to_char(warranty_end, 'YYYY-MM-DD') AS warranty_end FROM service_records WHERE id = $1`, [t.serviceRecordId])
      : [];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: this.config.timezone }).format(this.clock.now());
    return {
      ...summary,
      description: t.description,
      productId: t.productId,
      productName: product?.name ?? null,
      contractId: t.contractId,
      contractTitle: t.contractId ? (contracts.get(t.contractId) ?? null) : null,
      serviceRecordId: t.serviceRecordId,
      warranty: sr[0] ? { id: sr[0].id, serialNumber: sr[0].serial_number, productName: sr[0].product_name, warrantyEnd: sr[0].warranty_end, underWarranty: underWarranty(sr[0].warranty_end, today) } : null,
      requesterEmail: t.requesterEmail,
      requesterPhone: t.requesterPhone,
      publicToken: t.publicToken,
      parentTicketId: t.parentTicketId,
      parentTicketNumber: parent[0]?.number ?? null,
      slaPolicyId: t.slaPolicyId,
      slaPolicyName: policy[0]?.name ?? null,
      pauses: t.pauses,
      surveyToken: t.surveyToken,
      surveyComment: t.surveyComment,
      surveyedAt: t.surveyedAt,
      // published articles matching the subject (internal ones too: the reader is an agent)
      suggestedArticles: (await this.kb.suggest(t.name, 5)).map((a) => ({ id: a.id, title: a.title, visibility: a.visibility })),
    };
  }

  // ---- rules ----

  private assertOpen(t: Ticket): void {
    if (t.status === 'closed') throw conflict(TicketErrorCode.TICKET_CLOSED, 'A closed ticket changes no more', undefined, { allowed: [] });
  }

  private async addMessage(m: EntityManager, ticketId: string, c: Omit<TicketComment, 'id' | 'ticketId' | 'createdAt'>): Promise<TicketComment> {
    const repo = m.getRepository(TicketComment);
    return repo.save(repo.create({ ...c, ticketId }));
  }

  private async reassignTo(m: EntityManager, actor: AuthUser, t: Ticket, assigneeId: string | null): Promise<void> {
    if (!assigneeId) {
      t.ownerId = null;
      t.departmentId = null;
      return;
    }
    if (t.teamId) await this.assertMember(m, t.teamId, assigneeId);
    const owner = t.teamId ? { ownerId: assigneeId, departmentId: await this.users.activeUserDepartment(m, assigneeId, 'assigneeId') } : await this.users.resolveOwner(m, actor, 'tickets', assigneeId);
    t.ownerId = owner.ownerId;
    t.departmentId = owner.departmentId;
  }

  /**
   * The ticket moved to another team: an assignee who is an active agent of the new team keeps it; otherwise
   * the new team's least-loaded active agent takes it (round-robin under the team's row lock, as on create),
   * or nobody when the team assigns by hand or has no active agent (then it waits in the team lead's
   * department's unassigned queue). Answers whether the assignee changed.
   */
  private async followTeam(m: EntityManager, t: Ticket, teamId: string): Promise<boolean> {
    const team = await this.teams.lockTeam(m, teamId);
    if (t.ownerId && (await this.teams.isActiveMember(m, teamId, t.ownerId))) return false;
    const picked = await this.teams.pickAgent(m, team);
    t.ownerId = picked;
    t.departmentId = picked
      ? await this.users.activeUserDepartment(m, picked, 'teamId')
      : team.leadId
        ? await this.users.activeUserDepartment(m, team.leadId, 'teamId').catch(() => t.departmentId)
        : t.departmentId;
    return true;
  }

  private async assertMember(m: EntityManager, teamId: string, userId: string): Promise<void> {
    if (!(await this.teams.isActiveMember(m, teamId, userId))) {
      throw badRequest(TicketErrorCode.TICKET_ASSIGNEE_NOT_IN_TEAM, 'assigneeId', 'assigneeId is not an active agent of the team');
    }
  }

  private async notifyAssigned(m: EntityManager, actor: AuthUser | null, t: Ticket): Promise<void> {
    if (!t.ownerId) return;
    await this.notifications.notify(m, [t.ownerId], { kind: 'ticket.assigned', params: { number: t.number, subject: t.name, by: actor?.name ?? '' }, entityType: 'ticket', entityId: t.id });
  }

  /**
   * Linked records must exist and be visible to the actor (accounts, contacts, contracts through their
   * modules' services with the actor's scope; warranty records by the tickets scope): 422 on the field
   * otherwise, the same answer for a missing record and one outside the scope. The team must exist.
   */
  private async assertLinks(m: EntityManager, actor: AuthUser | null, dto: Partial<Pick<CreateTicketDto, 'accountId' | 'contactId' | 'productId' | 'contractId' | 'serviceRecordId' | 'teamId'>>): Promise<void> {
    await this.links.assert(m, actor, dto);
    if (dto.teamId) {
      const rows = await m.query(`SELECT 1 FROM ticket_teams WHERE id = $1 AND deleted_at IS NULL`, [dto.teamId]);
      if (!rows.length) throw badRequest(TicketErrorCode.TICKET_UNKNOWN_TEAM, 'teamId', 'teamId does not name a live record');
    }
  }
}
