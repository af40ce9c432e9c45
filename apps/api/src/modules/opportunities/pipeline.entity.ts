import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import type { ForecastCategory, StageKind } from '@keyuan/shared';

/** A sales pipeline (销售流程): new business, renewals, projects... with ordered stages. */
@Entity('pipelines')
export class Pipeline extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ type: 'varchar', length: 100 })
  nameEn: string;

  /** The pipeline new opportunities (and lead conversions) land in when none is given. */
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ type: 'int', default: 0 })
  position: number;
}

/** One stage of a pipeline, in `position` order. */
@Entity('pipeline_stages')
export class PipelineStage extends BaseRecord {
  @Column({ type: 'uuid' })
  pipelineId: string;

  @Column({ type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ type: 'varchar', length: 100 })
  nameEn: string;

  @Column({ type: 'int' })
  position: number;

  /** Win probability in percent an opportunity takes on entering the stage (unless overridden). */
  @Column({ type: 'int' })
  probability: number;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  kind: StageKind;

  @Column({ type: 'varchar', length: 20, default: 'pipeline' })
  forecastCategory: ForecastCategory;
}
