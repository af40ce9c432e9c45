import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService, diffRecords } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, conflict, notFound, staleVersion } from '@core/http/domain-error';
import { Pipeline, PipelineStage } from './pipeline.entity';
import { OpportunityErrorCode } from './opportunities.errors';
import {
  CreatePipelineDto,
  CreateStageDto,
  PipelineResponse,
  ReorderStagesDto,
  StageResponse,
  UpdatePipelineDto,
  UpdateStageDto,
} from './dto/pipeline.dto';

const toStage = (s: PipelineStage): StageResponse => ({
  id: s.id,
  pipelineId: s.pipelineId,
  nameZh: s.nameZh,
  nameEn: s.nameEn,
  position: s.position,
  probability: s.probability,
  kind: s.kind,
  forecastCategory: s.forecastCategory,
  version: s.version,
});

/** The forecast category a stage kind implies when none is given. */
const defaultCategory = (dto: CreateStageDto) => dto.forecastCategory ?? (dto.kind === 'won' ? 'closed' : dto.kind === 'lost' ? 'omitted' : 'pipeline');

const bilingual = (x: { nameZh: string; nameEn: string }) => `${x.nameZh} / ${x.nameEn}`;

/**
 * Pipelines and their ordered stages (admin configuration). A stage or pipeline holding live opportunities
 * cannot be removed (409 with the count); a stage's new probability reaches the opportunities that follow it.
 */
@Injectable()
export class PipelinesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {
    // histories name stages and pipelines in both languages (removed ones too: a move into one stays readable)
    audit.registerNames('stage', async (_reader, ids, m) => new Map([...(await this.stagesByIds(ids, m))].map(([id, s]) => [id, bilingual(s)])));
    audit.registerNames('pipeline', async (_reader, ids, m) => {
      const rows = await m.getRepository(Pipeline).find({ where: { id: In(ids) }, withDeleted: true });
      return new Map(rows.map((p) => [p.id, bilingual(p)]));
    });
  }

  async list(m: EntityManager = this.ds.manager): Promise<PipelineResponse[]> {
    const pipelines = await m.getRepository(Pipeline).find({ order: { position: 'ASC', createdAt: 'ASC' } });
    const stages = await m.getRepository(PipelineStage).find({ order: { position: 'ASC' } });
    return pipelines.map((p) => this.toResponse(p, stages.filter((s) => s.pipelineId === p.id)));
  }

  async get(id: string, m: EntityManager = this.ds.manager): Promise<PipelineResponse> {
    const p = await this.find(m, id);
    return this.toResponse(p, await this.stagesOf(m, id));
  }

  async create(actor: AuthUser, dto: CreatePipelineDto): Promise<PipelineResponse> {
    return this.ds.transaction(async (m) => {
      const template = dto.stages ?? (await this.stagesOf(m, (await this.defaultPipeline(m)).id)).map((s) => ({ ...s }));
      const [{ next }]: { next: number }[] = await m.query(`SELECT coalesce(max(position) + 1, 0)::int AS next FROM pipelines WHERE deleted_at IS NULL`);
      const p = await m.getRepository(Pipeline).save(m.getRepository(Pipeline).create({ nameZh: dto.nameZh, nameEn: dto.nameEn, isDefault: false, position: next }));
      const repo = m.getRepository(PipelineStage);
      await repo.save(
        template.map((s, i) =>
          repo.create({
            pipelineId: p.id,
            nameZh: s.nameZh,
            nameEn: s.nameEn,
            position: i,
            probability: s.probability,
            kind: s.kind ?? 'open',
            forecastCategory: defaultCategory(s as CreateStageDto),
          }),
        ),
      );
      await this.audit.record(m, actor, 'create', 'pipeline', p.id, diffRecords(null, { nameZh: p.nameZh, nameEn: p.nameEn }));
      return this.get(p.id, m);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdatePipelineDto, ifMatch?: number): Promise<PipelineResponse> {
    return this.ds.transaction(async (m) => {
      const p = await this.find(m, id, true);
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== p.version) throw staleVersion(p.version);
      if (dto.isDefault === false && p.isDefault) {
        throw badRequest(OpportunityErrorCode.PIPELINE_DEFAULT_REQUIRED, 'isDefault', 'Make another pipeline the default instead');
      }
      const before = { nameZh: p.nameZh, nameEn: p.nameEn, isDefault: p.isDefault };
      if (dto.isDefault && !p.isDefault) {
        await m.query(`UPDATE pipelines SET is_default = false, version = version + 1, updated_at = now() WHERE is_default AND deleted_at IS NULL`);
        p.isDefault = true;
      }
      if (dto.nameZh !== undefined) p.nameZh = dto.nameZh;
      if (dto.nameEn !== undefined) p.nameEn = dto.nameEn;
      const changes = diffRecords(before, { nameZh: p.nameZh, nameEn: p.nameEn, isDefault: p.isDefault });
      if (changes.length) {
        await m.getRepository(Pipeline).save(p);
        await this.audit.record(m, actor, 'update', 'pipeline', id, changes);
      }
      return this.get(id, m);
    });
  }

  /** Soft-deletes a pipeline that holds no opportunity and is not the default. */
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const p = await this.find(m, id, true);
      if (p.isDefault) throw conflict(OpportunityErrorCode.PIPELINE_DEFAULT_REQUIRED, 'The default pipeline cannot be deleted; make another one the default first');
      // lock the stages first (as removeStage does): a create that already holds one FOR SHARE commits before we count
      await m.query(`SELECT id FROM pipeline_stages WHERE pipeline_id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
      const count = await this.countOpportunities(m, 'pipeline_id', id);
      if (count) {
        throw conflict(OpportunityErrorCode.PIPELINE_IN_USE, `The pipeline still holds ${count} opportunities; move them first`, undefined, { count }, { params: { count } });
      }
      await m.getRepository(PipelineStage).softDelete({ pipelineId: id });
      await m.getRepository(Pipeline).softDelete(id);
      await this.audit.record(m, actor, 'delete', 'pipeline', id, []);
    });
  }

  async addStage(actor: AuthUser, pipelineId: string, dto: CreateStageDto): Promise<PipelineResponse> {
    return this.ds.transaction(async (m) => {
      await this.find(m, pipelineId, true);
      const stages = await this.stagesOf(m, pipelineId);
      const at = Math.min(dto.position ?? stages.length, stages.length);
      const repo = m.getRepository(PipelineStage);
      const stage = repo.create({
        pipelineId,
        nameZh: dto.nameZh,
        nameEn: dto.nameEn,
        probability: dto.probability,
        kind: dto.kind ?? 'open',
        forecastCategory: defaultCategory(dto),
        position: at,
      });
      const ordered = [...stages.slice(0, at), stage, ...stages.slice(at)];
      await this.savePositions(m, ordered);
      await this.audit.record(m, actor, 'addStage', 'pipeline', pipelineId, [{ field: 'stage', old: null, new: `${dto.nameZh} / ${dto.nameEn}` }]);
      return this.get(pipelineId, m);
    });
  }

  async updateStage(actor: AuthUser, pipelineId: string, stageId: string, dto: UpdateStageDto): Promise<PipelineResponse> {
    return this.ds.transaction(async (m) => {
      const s = await this.stageOf(m, pipelineId, stageId, true);
      const before = toStage(s) as unknown as Record<string, unknown>;
      Object.assign(s, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
      const changes = diffRecords(before, toStage(s) as unknown as Record<string, unknown>);
      if (!changes.length) return this.get(pipelineId, m);
      await m.getRepository(PipelineStage).save(s);
      if (dto.probability !== undefined) {
        // opportunities following the stage's probability take the new one
        await m.query(`UPDATE opportunities SET probability = $2 WHERE stage_id = $1 AND NOT probability_overridden AND deleted_at IS NULL`, [stageId, dto.probability]);
      }
      await this.audit.record(m, actor, 'updateStage', 'pipeline', pipelineId, changes.filter((c) => c.field !== 'version').map((c) => ({ ...c, field: `stage.${c.field}` })));
      return this.get(pipelineId, m);
    });
  }

  /** New order of every stage of the pipeline (400 unless `stageIds` is exactly its stages). */
  async reorder(actor: AuthUser, pipelineId: string, dto: ReorderStagesDto): Promise<PipelineResponse> {
    return this.ds.transaction(async (m) => {
      await this.find(m, pipelineId, true);
      const stages = await this.stagesOf(m, pipelineId);
      const ids = new Set(dto.stageIds);
      if (ids.size !== dto.stageIds.length || ids.size !== stages.length || stages.some((s) => !ids.has(s.id))) {
        throw badRequest(OpportunityErrorCode.PIPELINE_STAGE_ORDER_INVALID, 'stageIds', 'stageIds must list every stage of the pipeline exactly once');
      }
      const byId = new Map(stages.map((s) => [s.id, s]));
      await this.savePositions(m, dto.stageIds.map((id) => byId.get(id)!));
      await this.audit.record(m, actor, 'reorderStages', 'pipeline', pipelineId, [
        { field: 'stageIds', old: stages.map((s) => s.id), new: dto.stageIds },
      ]);
      return this.get(pipelineId, m);
    });
  }

  /** Removes a stage no live opportunity sits in (409 PIPELINE_STAGE_IN_USE with `count` otherwise). */
  async removeStage(actor: AuthUser, pipelineId: string, stageId: string): Promise<PipelineResponse> {
    return this.ds.transaction(async (m) => {
      // the stage row lock makes a concurrent move into the stage (which reads it FOR SHARE) wait or fail
      const s = await this.stageOf(m, pipelineId, stageId, true);
      const count = await this.countOpportunities(m, 'stage_id', stageId);
      if (count) {
        throw conflict(OpportunityErrorCode.PIPELINE_STAGE_IN_USE, `${count} opportunities sit in this stage; move them first`, undefined, { count }, { params: { count } });
      }
      const stages = await this.stagesOf(m, pipelineId);
      if (stages.length <= 1) throw conflict(OpportunityErrorCode.PIPELINE_LAST_STAGE, 'A pipeline keeps at least one stage');
      await m.getRepository(PipelineStage).softDelete(stageId);
      await this.savePositions(m, stages.filter((x) => x.id !== stageId));
      await this.audit.record(m, actor, 'removeStage', 'pipeline', pipelineId, [{ field: 'stage', old: `${s.nameZh} / ${s.nameEn}`, new: null }]);
      return this.get(pipelineId, m);
    });
  }

  // ---- for OpportunitiesService ----

  /** The default pipeline (the migration creates one). */
  async defaultPipeline(m: EntityManager = this.ds.manager): Promise<Pipeline> {
    const p = await m.getRepository(Pipeline).findOne({ where: { isDefault: true } });
    if (!p) throw notFound('pipeline');
    return p;
  }

  /** A live pipeline, or a 400 on `field`. */
  async pipelineForInput(m: EntityManager, id: string, field = 'pipelineId'): Promise<Pipeline> {
    const p = await m.getRepository(Pipeline).findOne({ where: { id } });
    if (!p) throw badRequest(OpportunityErrorCode.OPPORTUNITY_UNKNOWN_PIPELINE, field, 'pipelineId is not a pipeline');
    return p;
  }

  /** A live stage read FOR SHARE (a stage removal waits for the caller's transaction), or a 400 on `stageId`. */
  async stageForInput(m: EntityManager, id: string): Promise<PipelineStage> {
    const s = await m.getRepository(PipelineStage).createQueryBuilder('s').where('s.id = :id', { id }).setLock('pessimistic_read').getOne();
    if (!s) throw badRequest(OpportunityErrorCode.OPPORTUNITY_UNKNOWN_STAGE, 'stageId', 'stageId is not a stage');
    return s;
  }

  /** The first stage of a pipeline (read FOR SHARE). */
  async firstStage(m: EntityManager, pipelineId: string): Promise<PipelineStage> {
    const s = await m
      .getRepository(PipelineStage)
      .createQueryBuilder('s')
      .where('s.pipeline_id = :pipelineId', { pipelineId })
      .orderBy('s.position')
      .limit(1)
      .setLock('pessimistic_read')
      .getOne();
    if (!s) throw badRequest(OpportunityErrorCode.OPPORTUNITY_UNKNOWN_STAGE, 'stageId', 'the pipeline has no stage');
    return s;
  }

  /** Stages by id, deleted ones included (history rows may name a removed stage). */
  async stagesByIds(ids: (string | null)[], m: EntityManager = this.ds.manager): Promise<Map<string, PipelineStage>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows = await m.getRepository(PipelineStage).find({ where: { id: In(unique) }, withDeleted: true });
    return new Map(rows.map((s) => [s.id, s]));
  }

  async stagesOf(m: EntityManager, pipelineId: string): Promise<PipelineStage[]> {
    return m.getRepository(PipelineStage).find({ where: { pipelineId }, order: { position: 'ASC' } });
  }

  private async find(m: EntityManager, id: string, lock = false): Promise<Pipeline> {
    const qb = m.getRepository(Pipeline).createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const p = await qb.getOne();
    if (!p) throw notFound('pipeline');
    return p;
  }

  private async stageOf(m: EntityManager, pipelineId: string, stageId: string, lock = false): Promise<PipelineStage> {
    await this.find(m, pipelineId, lock);
    const qb = m.getRepository(PipelineStage).createQueryBuilder('s').where('s.id = :stageId AND s.pipeline_id = :pipelineId', { stageId, pipelineId });
    if (lock) qb.setLock('pessimistic_write');
    const s = await qb.getOne();
    if (!s) throw notFound('stage');
    return s;
  }

  private async savePositions(m: EntityManager, ordered: PipelineStage[]): Promise<void> {
    const repo = m.getRepository(PipelineStage);
    for (const [i, s] of ordered.entries()) {
      if (!s.id || s.position !== i) {
        s.position = i;
        await repo.save(s);
      }
    }
  }

  private async countOpportunities(m: EntityManager, column: 'stage_id' | 'pipeline_id', id: string): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM opportunities WHERE ${column} = $1 AND deleted_at IS NULL`, [id]);
    return n;
  }

  private toResponse(p: Pipeline, stages: PipelineStage[]): PipelineResponse {
    return {
      id: p.id,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      isDefault: p.isDefault,
      position: p.position,
      stages: stages.map(toStage),
      version: p.version,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}
