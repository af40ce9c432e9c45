import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An integrator's key: the hash of its secret, the role it acts with and the service user it acts as. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The first characters of the secret (`ky_live_ab12cd`), to tell keys apart. */
  @Column({ type: 'varchar', length: 24 })
  prefix: string;

  /** SHA-256 (hex) of the secret; the secret itself is shown once and never stored. */
  @Column({ type: 'char', length: 64, select: false })
  secretHash: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  roleId: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lastUsedIp: string | null;

  @Column({ type: 'cidr', array: true, default: () => `'{}'` })
  ipAllowList: string[];

  @Column({ type: 'int', default: 600 })
  rateLimitPerMinute: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
