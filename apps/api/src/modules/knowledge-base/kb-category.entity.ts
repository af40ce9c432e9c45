import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A node of the knowledge base's category tree (知识分类). */
@Entity('kb_categories')
export class KbCategory extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  nameEn: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'int', default: 0 })
  position: number;
}
