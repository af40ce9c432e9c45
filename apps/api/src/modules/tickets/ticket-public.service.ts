import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { conflict, DomainError } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { AnswerSurveyDto, PublicReplyDto, PublicReplyResponse, PublicTicketAccepted, PublicTicketDto, SurveyResponse } from './dto/ticket.dto';
import { CreateTicketFormDto, QueryTicketFormsDto, TicketFormResponse, TicketFormWithKeyResponse } from './dto/team-sla.dto';
import { TicketClock } from './ticket-clock';
import { TicketForm } from './ticket-form.entity';
import { assertServiceManager } from './ticket-teams.service';
import { Ticket } from './ticket.entity';
import { TicketErrorCode } from './tickets.errors';
import { TicketsService } from './tickets.service';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const FORM_SPEC: ListSpec = {
  idColumn: 'tf.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'tf.created_at', value: (f: TicketForm) => f.createdAt } },
  search: ['tf.name'],
};

const toForm = (f: TicketForm): TicketFormResponse => ({
  id: f.id,
  name: f.name,
  keyPrefix: f.keyPrefix,
  teamId: f.teamId,
  type: f.type,
  priority: f.priority,
  active: f.active,
  version: f.version,
  createdAt: f.createdAt,
});

/**
 * The customer's side of tickets, without login: support web forms (per-form key), replies with a
 * ticket's public token (reopen within TICKET_REOPEN_DAYS of resolution, else a new linked ticket), and
 * the satisfaction survey answered once.
 */
@Injectable()
export class TicketPublicService {
  private readonly forms: RecordStore<TicketForm>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly tickets: TicketsService,
    private readonly clock: TicketClock,
  ) {
    this.forms = new RecordStore(ds, audit, TicketForm, { entityType: 'ticket_form', module: 'tickets', alias: 'tf' });
  }

  async listForms(query: QueryTicketFormsDto): Promise<Page<TicketFormResponse>> {
    const page = await this.forms.list(null as never, query, FORM_SPEC, this.forms.query(null));
    return { ...page, data: page.data.map(toForm) };
  }

  async createForm(actor: AuthUser, dto: CreateTicketFormDto): Promise<TicketFormWithKeyResponse> {
    assertServiceManager(actor);
    const key = `tf_${randomBytes(24).toString('base64url')}`;
    const f = await this.ds.transaction(async (m) => {
      if (dto.teamId) {
        const rows = await m.query(`SELECT 1 FROM ticket_teams WHERE id = $1 AND deleted_at IS NULL`, [dto.teamId]);
        if (!rows.length) throw new DomainError(TicketErrorCode.TICKET_UNKNOWN_TEAM, HttpStatus.BAD_REQUEST, 'teamId is not a service team', [{ field: 'teamId', message: 'not a service team' }]);
      }
      return this.forms.create(actor, { name: dto.name, keyHash: sha256(key), keyPrefix: key.slice(0, 8), teamId: dto.teamId ?? null, type: dto.type ?? 'inquiry', priority: dto.priority ?? 'normal', active: dto.active ?? true }, m);
    });
    return { ...toForm(f), key };
  }

  async removeForm(actor: AuthUser, id: string): Promise<void> {
    assertServiceManager(actor);
    await this.forms.softDelete(actor, id, undefined);
  }

  /** A web form's ticket: 401 without a valid key; a filled honeypot is accepted and dropped. */
  async submit(formKey: string | undefined, dto: PublicTicketDto): Promise<PublicTicketAccepted> {
    const form = formKey ? await this.ds.getRepository(TicketForm).findOne({ where: { keyHash: sha256(formKey), active: true } }) : null;
    if (!form) throw new DomainError(TicketErrorCode.TICKET_FORM_KEY_INVALID, HttpStatus.UNAUTHORIZED, 'Missing or invalid X-Form-Key');
    if (dto.website) return { number: '', token: '' };
    const t = await this.ds.transaction((m) =>
      this.tickets.open(
        m,
        null,
        { subject: dto.subject, description: dto.description, channel: 'web', type: form.type, priority: form.priority, teamId: form.teamId, requesterName: dto.name, requesterEmail: dto.email ?? null, requesterPhone: dto.phone ?? null },
        { formId: form.id },
      ),
    );
    return { number: t.number, token: t.publicToken };
  }

  /**
   * The customer answers with the ticket's public token: an active ticket gets the message (a pending one
   * opens again), a resolved one reopens within TICKET_REOPEN_DAYS of its resolution, and past that (or
   * closed) a new ticket is opened, linked to the old one.
   */
  async reply(token: string, dto: PublicReplyDto): Promise<PublicReplyResponse> {
    return this.ds.transaction(async (m) => {
      const a = await this.tickets.answerByCustomer(m, { token }, dto.body);
      if (!a) throw new DomainError(TicketErrorCode.TICKET_TOKEN_INVALID, HttpStatus.NOT_FOUND, 'No ticket has this token');
      return { outcome: a.outcome, number: a.number, token: a.token };
    });
  }

  async survey(token: string): Promise<SurveyResponse> {
    const t = await this.ds.getRepository(Ticket).findOne({ where: { surveyToken: token } });
    if (!t) throw new DomainError(TicketErrorCode.TICKET_SURVEY_INVALID, HttpStatus.NOT_FOUND, 'No survey has this token');
    return { number: t.number, subject: t.name, answered: t.surveyRating !== null, rating: t.surveyRating, comment: t.surveyComment };
  }

  /** Records the rating once: one conditional UPDATE, so a second answer (even at the same moment) is a 409. */
  async answer(token: string, dto: AnswerSurveyDto): Promise<SurveyResponse> {
    await this.ds.transaction(async (m) => {
      const [rows]: [{ id: string }[], number] = await m.query(
        `UPDATE tickets SET survey_rating = $2, survey_comment = $3, surveyed_at = $4 WHERE survey_token = $1 AND survey_rating IS NULL AND deleted_at IS NULL RETURNING id`,
        [token, dto.rating, dto.comment ?? null, this.clock.now()],
      );
      if (!rows.length) {
        await this.survey(token);
        throw conflict(TicketErrorCode.TICKET_SURVEY_ANSWERED, 'This survey was answered already');
      }
    });
    return this.survey(token);
  }
}
