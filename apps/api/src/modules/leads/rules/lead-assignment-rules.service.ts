import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { LeadAssignmentRule } from './lead-assignment-rule.entity';
import {
  CreateLeadAssignmentRuleDto,
  LeadAssignmentRuleResponse,
  QueryLeadAssignmentRulesDto,
  UpdateLeadAssignmentRuleDto,
} from './lead-assignment-rule.dto';

const LIST_SPEC: ListSpec = {
  idColumn: 'r.id',
  defaultSort: 'position',
  sortable: {
    position: { column: 'r.position', value: (r: LeadAssignmentRule) => r.position },
    createdAt: { column: 'r.created_at', value: (r: LeadAssignmentRule) => r.createdAt },
  },
  search: ['r.name'],
};

const toRuleResponse = (r: LeadAssignmentRule): LeadAssignmentRuleResponse => ({
  id: r.id,
  name: r.name,
  position: r.position,
  active: r.active,
  sources: r.sources,
  provinces: r.provinces,
  cities: r.cities,
  userIds: r.userIds,
  nextUserId: r.userIds.length ? r.userIds[r.nextIndex % r.userIds.length] : null,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** What a new lead offers the rules to match on. */
export interface RoutableLead {
  source: string;
  province: string | null;
  city: string | null;
}

export function ruleMatches(rule: Pick<LeadAssignmentRule, 'sources' | 'provinces' | 'cities'>, lead: RoutableLead): boolean {
  const ok = (allowed: string[], v: string | null) => allowed.length === 0 || (v !== null && allowed.includes(v));
  return ok(rule.sources, lead.source) && ok(rule.provinces, lead.province) && ok(rule.cities, lead.city);
}

@Injectable()
export class LeadAssignmentRulesService {
  private readonly store: RecordStore<LeadAssignmentRule>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
  ) {
    this.store = new RecordStore(ds, audit, LeadAssignmentRule, { entityType: 'lead_assignment_rule', module: 'settings', alias: 'r' });
  }

  async list(actor: AuthUser, query: QueryLeadAssignmentRulesDto): Promise<Page<LeadAssignmentRuleResponse>> {
    const page = await this.store.list(actor, query, LIST_SPEC);
    return { ...page, data: page.data.map(toRuleResponse) };
  }

  async get(actor: AuthUser, id: string): Promise<LeadAssignmentRuleResponse> {
    return toRuleResponse(await this.store.get(actor, id));
  }

  async create(actor: AuthUser, dto: CreateLeadAssignmentRuleDto): Promise<LeadAssignmentRuleResponse> {
    return this.ds.transaction(async (m) => {
      const userIds = await this.checkUsers(m, dto.userIds);
      const rule = await this.store.create(
        actor,
        {
          name: dto.name,
          position: dto.position ?? 0,
          active: dto.active ?? true,
          sources: dto.sources ?? [],
          provinces: dto.provinces ?? [],
          cities: dto.cities ?? [],
          userIds,
        },
        m,
      );
      return toRuleResponse(rule);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateLeadAssignmentRuleDto, ifMatch?: number): Promise<LeadAssignmentRuleResponse> {
    const { version, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      const rule = await this.store.update(actor, id, ifMatch ?? version, async (r) => {
        if (fields.userIds) fields.userIds = await this.checkUsers(m, fields.userIds);
        Object.assign(r, fields);
        if (fields.userIds) r.nextIndex = 0;
      }, m);
      return toRuleResponse(rule);
    });
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.store.softDelete(actor, id, ifMatch);
  }

  /**
   * The user the first matching active rule gives the lead to, advancing that rule's turn; inactive
   * users are skipped. Null when no rule matches. The rule row is locked so concurrent leads alternate.
   */
  async route(m: EntityManager, lead: RoutableLead): Promise<{ userId: string; departmentId: string | null; ruleId: string } | null> {
    const rules = await m
      .getRepository(LeadAssignmentRule)
      .createQueryBuilder('r')
      .where('r.active')
      .orderBy('r.position', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    for (const candidate of rules) {
      if (!ruleMatches(candidate, lead)) continue;
      const rule = await m
        .getRepository(LeadAssignmentRule)
        .createQueryBuilder('r')
        .where('r.id = :id', { id: candidate.id })
        .setLock('pessimistic_write')
        .getOne();
      if (!rule || !rule.userIds.length) continue;
      const active: { id: string; department_id: string | null }[] = await m.query(
        `SELECT id, department_id FROM users WHERE id = ANY($1) AND active AND deleted_at IS NULL`,
        [rule.userIds],
      );
      for (let step = 0; step < rule.userIds.length; step++) {
        const idx = (rule.nextIndex + step) % rule.userIds.length;
        const user = active.find((u) => u.id === rule.userIds[idx]);
        if (user) {
          await m.update(LeadAssignmentRule, { id: rule.id }, { nextIndex: (idx + 1) % rule.userIds.length });
          return { userId: user.id, departmentId: user.department_id, ruleId: rule.id };
        }
      }
    }
    return null;
  }

  private async checkUsers(m: EntityManager, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const rows: { id: string }[] = await m.query(`SELECT id FROM users WHERE id = ANY($1) AND deleted_at IS NULL`, [unique]);
    if (rows.length !== unique.length) throw badRequest('RULE_UNKNOWN_USER', 'userIds', 'userIds contains an unknown user');
    return ids.filter((id, i) => ids.indexOf(id) === i);
  }
}
