import type { PermissionGrant } from '@keyuan/shared';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

@Entity('roles')
export class Role extends BaseRecord {
  @Column({ type: 'varchar', length: 50 })
  key: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  builtIn: boolean;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  permissions: PermissionGrant[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  specialPermissions: string[];
}
