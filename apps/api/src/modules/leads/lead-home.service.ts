import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { scopeCondition, scopeParams } from '@core/access/data-scope';
import { type AuthUser, scopeOf } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { UsersService } from '@modules/admin/users/users.service';
import { PoolsService } from '@modules/pools/pools.service';
import type { LeadBriefDto, LeadBriefListDto, LeadHomeQueryDto, LeadHomeResponse, LeadTeamRowDto } from './dto/lead-home.dto';

/** Rows listed per card; the count says how many match. */
const SHOWN = 10;
const OPEN = `l.status NOT IN ('converted', 'unqualified')`;
/** The time a lead last saw a follow-up: its latest activity, or when its owner got it if later (the pools' return rule). */
const LAST_TOUCH = `coalesce(greatest(l.last_activity_at, l.claimed_at), l.created_at)`;
/** When the owner got the lead: claimed or assigned, else created (with them as owner). */
const RECEIVED = `coalesce(l.claimed_at, l.created_at)`;

type Row = {
  id: string;
  name: string;
  company: string | null;
  status: string;
  next_follow_up_at: Date | null;
  last_activity_at: Date | null;
  claimed_at: Date | null;
  return_at?: Date | null;
  total: number;
};

/**
 * The home page's lead cards: the acting user's own follow-ups (overdue, today), stale leads, recently
 * assigned leads and pool claims about to return, and for a manager the figures per owner in their data
 * scope. Each card is one query on the leads table (indexed by owner and follow-up / claim time).
 */
@Injectable()
export class LeadHomeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pools: PoolsService,
    private readonly users: UsersService,
  ) {}

  async summary(actor: AuthUser, query: LeadHomeQueryDto): Promise<LeadHomeResponse> {
    const staleDays = query.staleDays ?? 7;
    const returnWithinDays = query.returnWithinDays ?? 3;
    // start of today in the business time zone ($2)
    const today = `(date_trunc('day', now() AT TIME ZONE $2) AT TIME ZONE $2)`;
    const tz = [this.config.timezone];
    /** My leads matching `where` ($1 is me, $2… are `params`). */
    const mine = (where: string, order: string, params: unknown[]) =>
      this.brief(
        `SELECT l.id, l.name, l.company, l.status, l.next_follow_up_at, l.last_activity_at, l.claimed_at, count(*) OVER ()::int AS total
           FROM leads l WHERE l.owner_id = $1 AND l.deleted_at IS NULL AND ${where} ORDER BY ${order}, l.id LIMIT ${SHOWN}`,
        [actor.id, ...params],
      );
    const [overdue, todays, stale, recentlyAssigned, returning, team] = await Promise.all([
      mine(`${OPEN} AND l.next_follow_up_at < ${today}`, 'l.next_follow_up_at', tz),
      mine(`${OPEN} AND l.next_follow_up_at >= ${today} AND l.next_follow_up_at < ${today} + interval '1 day'`, 'l.next_follow_up_at', tz),
      mine(`${OPEN} AND ${LAST_TOUCH} < now() - make_interval(days => $2)`, LAST_TOUCH, [staleDays]),
      mine(`${RECEIVED} >= now() - interval '7 days'`, `${RECEIVED} DESC`, []),
      this.returning(actor, returnWithinDays),
      this.team(actor, staleDays),
    ]);
    return { staleDays, returnWithinDays, overdue, today: todays, stale, recentlyAssigned, returning, team };
  }

  /** My leads held from a pool with a return rule whose return comes within `days`. */
  private async returning(actor: AuthUser, days: number): Promise<LeadBriefListDto> {
    const pools = await this.pools.withReturnRule();
    if (!pools.length) return { count: 0, items: [] };
    return this.brief(
      `SELECT l.id, l.name, l.company, l.status, l.next_follow_up_at, l.last_activity_at, l.claimed_at,
              ${LAST_TOUCH} + make_interval(days => p.days) AS return_at, count(*) OVER ()::int AS total
         FROM leads l JOIN unnest($2::uuid[], $3::int[]) AS p(id, days) ON p.id = l.pool_id
        WHERE l.owner_id = $1 AND l.deleted_at IS NULL AND l.status <> 'converted'
          AND ${LAST_TOUCH} + make_interval(days => p.days) < now() + make_interval(days => $4)
        ORDER BY return_at, l.id LIMIT ${SHOWN}`,
      [actor.id, pools.map((p) => p.id), pools.map((p) => p.returnAfterDays), days],
    );
  }

  /** Figures per owner under the actor's `leads` scope; null for a scope of one's own leads. */
  private async team(actor: AuthUser, staleDays: number): Promise<LeadTeamRowDto[] | null> {
    const scope = scopeOf(actor, 'leads');
    if (scope !== 'department' && scope !== 'all') return null;
    const qb = this.ds
      .createQueryBuilder()
      .from('leads', 'l')
      .select('l.owner_id', 'owner_id')
      .addSelect(`count(*) FILTER (WHERE ${OPEN})::int`, 'open')
      .addSelect(`count(*) FILTER (WHERE ${OPEN} AND l.next_follow_up_at < (date_trunc('day', now() AT TIME ZONE :tz) AT TIME ZONE :tz))::int`, 'overdue')
      .addSelect(`count(*) FILTER (WHERE ${OPEN} AND ${LAST_TOUCH} < now() - make_interval(days => :staleDays))::int`, 'stale')
      .addSelect(`count(*) FILTER (WHERE ${RECEIVED} >= now() - interval '7 days')::int`, 'new_this_week')
      .addSelect(`count(*) FILTER (WHERE l.converted_at >= now() - interval '30 days')::int`, 'converted_this_month')
      .where('l.deleted_at IS NULL AND l.owner_id IS NOT NULL')
      .setParameters({ staleDays, tz: this.config.timezone })
      .groupBy('l.owner_id');
    const condition = scopeCondition(actor, scope, { owner: 'l.owner_id', department: 'l.department_id' });
    if (condition) qb.andWhere(condition, scopeParams(actor));
    const rows: { owner_id: string; open: number; overdue: number; stale: number; new_this_week: number; converted_this_month: number }[] =
      await qb.getRawMany();
    const names = await this.users.namesByIds(rows.map((r) => r.owner_id));
    return rows
      .map((r) => ({
        ownerId: r.owner_id,
        ownerName: names.get(r.owner_id) ?? '',
        open: r.open,
        overdue: r.overdue,
        stale: r.stale,
        newThisWeek: r.new_this_week,
        convertedThisMonth: r.converted_this_month,
      }))
      .sort((a, b) => b.open - a.open || a.ownerName.localeCompare(b.ownerName));
  }

  private async brief(sql: string, params: unknown[]): Promise<LeadBriefListDto> {
    const rows: Row[] = await this.ds.query(sql, params);
    const items: LeadBriefDto[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      company: r.company,
      status: r.status,
      nextFollowUpAt: r.next_follow_up_at,
      lastActivityAt: r.last_activity_at,
      claimedAt: r.claimed_at,
      returnAt: r.return_at ?? null,
    }));
    return { count: rows[0]?.total ?? 0, items };
  }
}
