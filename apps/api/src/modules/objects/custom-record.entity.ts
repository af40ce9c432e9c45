import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';

/**
 * A record of a custom module. ONE table for every module (README "Custom modules"): the module's fields
 * are the `custom` JSONB values, validated, filtered, sorted and indexed by the custom-fields machinery.
 */
@Entity('custom_records')
export class CustomRecord extends BaseRecord {
  @Column({ type: 'uuid' })
  objectId: string;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
