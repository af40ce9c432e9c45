import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** An admin-defined record kind (custom module, 自定义模块); its fields are custom fields of kind `obj.<key>`. */
@Entity('custom_objects')
export class CustomObject extends BaseRecord {
  /** Lower snake case, unique (also among deleted modules): URL, permission module `obj.<key>`, event names. */
  @Column({ type: 'varchar', length: 26 })
  key: string;

  @Column({ type: 'varchar', length: 50 })
  nameZh: string;

  @Column({ type: 'varchar', length: 50 })
  nameEn: string;

  @Column({ type: 'varchar', length: 50 })
  pluralZh: string;

  @Column({ type: 'varchar', length: 50 })
  pluralEn: string;

  /** Element Plus icon name shown in the menu. */
  @Column({ type: 'varchar', length: 40, default: 'Grid' })
  icon: string;

  /** Label of the records' name field. */
  @Column({ type: 'varchar', length: 50 })
  nameFieldZh: string;

  @Column({ type: 'varchar', length: 50 })
  nameFieldEn: string;

  /** Records have an owner and department, and roles' data scopes (own / department / all) apply. */
  @Column({ type: 'boolean', default: true })
  hasOwner: boolean;
}
