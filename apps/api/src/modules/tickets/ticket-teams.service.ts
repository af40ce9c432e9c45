import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { TICKET_ACTIVE_STATUSES } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import { type AuthUser, scopeOf } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { CreateTicketTeamDto, TeamMemberInputDto, TicketTeamList, TicketTeamResponse, UpdateTicketTeamDto } from './dto/team-sla.dto';
import { TicketTeam, TicketTeamMember } from './ticket-team.entity';
import { TicketErrorCode } from './tickets.errors';

/** Teams, SLA policies and forms are a service manager's: a `tickets` grant wider than `own`. */
export function assertServiceManager(actor: AuthUser): void {
  const scope = scopeOf(actor, 'tickets');
  if (!scope || scope === 'own') throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, 'Managing service teams and levels needs a tickets grant beyond your own records');
}

/** Service teams with their agents, and the round-robin that picks an agent for a new ticket. */
@Injectable()
export class TicketTeamsService {
  private readonly store: RecordStore<TicketTeam>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly users: UsersService,
  ) {
    this.store = new RecordStore(ds, audit, TicketTeam, { entityType: 'ticket_team', module: 'tickets', alias: 'tt' });
  }

  async list(): Promise<TicketTeamList> {
    const teams = await this.store.query(null).orderBy('tt.name').getMany();
    return { data: await this.toResponses(teams) };
  }

  async get(id: string): Promise<TicketTeamResponse> {
    return (await this.toResponses([await this.store.get(null, id)]))[0];
  }

  async create(actor: AuthUser, dto: CreateTicketTeamDto): Promise<TicketTeamResponse> {
    assertServiceManager(actor);
    const saved = await this.unique(() =>
      this.ds.transaction(async (m) => {
        if (dto.leadId) await this.users.activeUserDepartment(m, dto.leadId, 'leadId');
        const team = await this.store.create(actor, { name: dto.name, description: dto.description ?? null, leadId: dto.leadId ?? null, autoAssign: dto.autoAssign ?? true }, m);
        await this.replaceMembers(m, team.id, dto.members ?? []);
        return team;
      }),
    );
    return this.get(saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateTicketTeamDto, ifMatch?: number): Promise<TicketTeamResponse> {
    assertServiceManager(actor);
    const { version, members, ...fields } = dto;
    if (fields.name === null) throw badRequest('VALIDATION_FAILED', 'name', 'name cannot be empty');
    await this.unique(() =>
      this.ds.transaction(async (m) =>
        this.store.update(
          actor,
          id,
          ifMatch ?? version,
          async (team) => {
            if (fields.leadId) await this.users.activeUserDepartment(m, fields.leadId, 'leadId');
            Object.assign(team, fields);
            if (!members) return [];
            const before = await this.membersOf(m, [id]);
            await this.replaceMembers(m, id, members);
            return [{ field: 'members', old: before.map((x) => x.userId), new: members.map((x) => x.userId) }];
          },
          m,
        ),
      ),
    );
    return this.get(id);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    assertServiceManager(actor);
    await this.store.softDelete(actor, id, ifMatch);
  }

  /** The team (404 → 400 on `teamId`), locked until the transaction ends: creates for one team queue here. */
  async lockTeam(m: EntityManager, teamId: string): Promise<TicketTeam> {
    const team = await this.store.get(null, teamId, m, { lock: true }).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw badRequest(TicketErrorCode.TICKET_UNKNOWN_TEAM, 'teamId', 'teamId is not a service team');
      throw e;
    });
    return team;
  }

  /**
   * Round-robin by load: the active agent of the team with the fewest active tickets, the one assigned
   * longest ago on a tie. The caller holds the team's row lock (lockTeam), so two creates never both see
   * the same agent as the least loaded.
   */
  async pickAgent(m: EntityManager, team: TicketTeam): Promise<string | null> {
    if (!team.autoAssign) return null;
    const members = (await this.membersOf(m, [team.id])).filter((x) => x.active);
    const active = new Set(await this.users.activeIds(members.map((x) => x.userId), m));
    const candidates = members.filter((x) => active.has(x.userId));
    if (!candidates.length) return null;
    const rows: { user_id: string }[] = await m.query(
      `SELECT mb.user_id
         FROM ticket_team_members mb
         LEFT JOIN LATERAL (SELECT count(*) AS n FROM tickets t WHERE t.owner_id = mb.user_id AND t.deleted_at IS NULL AND t.status = ANY($3)) load ON true
        WHERE mb.team_id = $1 AND mb.user_id = ANY($2)
        ORDER BY load.n, mb.last_assigned_at NULLS FIRST, mb.user_id
        LIMIT 1`,
      [team.id, candidates.map((x) => x.userId), TICKET_ACTIVE_STATUSES],
    );
    const userId = rows[0]?.user_id ?? null;
    if (userId) await m.query(`UPDATE ticket_team_members SET last_assigned_at = clock_timestamp() WHERE team_id = $1 AND user_id = $2`, [team.id, userId]);
    return userId;
  }

  async isActiveMember(m: EntityManager, teamId: string, userId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM ticket_team_members WHERE team_id = $1 AND user_id = $2 AND active`, [teamId, userId]);
    return rows.length > 0;
  }

  /** The team's lead, if any. */
  async leadsOf(teamIds: (string | null)[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const ids = [...new Set(teamIds.filter((i): i is string => !!i))];
    if (!ids.length) return new Map();
    const rows: { id: string; lead_id: string | null }[] = await m.query(`SELECT id, lead_id FROM ticket_teams WHERE id = ANY($1)`, [ids]);
    return new Map(rows.filter((r) => r.lead_id).map((r) => [r.id, r.lead_id!]));
  }

  private async membersOf(m: EntityManager, teamIds: string[]): Promise<TicketTeamMember[]> {
    if (!teamIds.length) return [];
    return m.getRepository(TicketTeamMember).createQueryBuilder('mb').where('mb.team_id IN (:...ids)', { ids: teamIds }).orderBy('mb.created_at').getMany();
  }

  private async replaceMembers(m: EntityManager, teamId: string, members: TeamMemberInputDto[]): Promise<void> {
    const unique = [...new Map(members.map((x) => [x.userId, x])).values()];
    for (const [i, x] of unique.entries()) await this.users.activeUserDepartment(m, x.userId, `members.${i}.userId`);
    const before = new Map((await this.membersOf(m, [teamId])).map((x) => [x.userId, x]));
    await m.query(`DELETE FROM ticket_team_members WHERE team_id = $1 AND NOT (user_id = ANY($2))`, [teamId, unique.map((x) => x.userId)]);
    for (const x of unique) {
      await m.query(
        `INSERT INTO ticket_team_members (team_id, user_id, active, last_assigned_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (team_id, user_id) DO UPDATE SET active = EXCLUDED.active`,
        [teamId, x.userId, x.active ?? true, before.get(x.userId)?.lastAssignedAt ?? null],
      );
    }
  }

  private async toResponses(teams: TicketTeam[]): Promise<TicketTeamResponse[]> {
    const m = this.ds.manager;
    const members = await this.membersOf(m, teams.map((t) => t.id));
    const names = await this.users.namesByIds([...members.map((x) => x.userId), ...teams.map((t) => t.leadId)], m);
    const loads: { owner_id: string; n: string }[] = members.length
      ? await m.query(`SELECT owner_id, count(*) AS n FROM tickets WHERE owner_id = ANY($1) AND deleted_at IS NULL AND status = ANY($2) GROUP BY owner_id`, [
          [...new Set(members.map((x) => x.userId))],
          TICKET_ACTIVE_STATUSES,
        ])
      : [];
    const load = new Map(loads.map((l) => [l.owner_id, Number(l.n)]));
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      leadId: t.leadId,
      leadName: t.leadId ? (names.get(t.leadId) ?? null) : null,
      autoAssign: t.autoAssign,
      members: members
        .filter((x) => x.teamId === t.id)
        .map((x) => ({ userId: x.userId, name: names.get(x.userId) ?? null, active: x.active, openTickets: load.get(x.userId) ?? 0, lastAssignedAt: x.lastAssignedAt })),
      version: t.version,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    }));
  }

  private async unique<X>(fn: () => Promise<X>): Promise<X> {
    return fn().catch((e: unknown) => {
      if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'uq_ticket_teams_name') {
        throw conflict(TicketErrorCode.TICKET_TEAM_NAME_TAKEN, 'A team with this name exists', [{ field: 'name', message: 'already exists' }]);
      }
      throw e;
    });
  }
}
