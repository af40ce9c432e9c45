import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

@Entity('users')
export class User extends BaseRecord {
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'text', select: true })
  passwordHash: string;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  locale: string | null;

  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  /** Goes into every token; bumped to end all sessions at once (password reset, deactivation, role change). */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  /** Set by an admin's password reset: the user must choose a new password before working on. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Loaded from user_roles by the service; audited as a field. */
  roleIds?: string[];
}
