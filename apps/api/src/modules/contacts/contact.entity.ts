import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import { GENDERS, CONTACT_CHANNELS, type Gender, type ContactChannel } from '@keyuan/shared';

/** Shared with the web client (libs/shared). */
export { GENDERS, CONTACT_CHANNELS, type Gender, type ContactChannel };

/** A 联系人: a person at an account. The opt-outs bind every feature that calls, texts or mails. */
@Entity('contacts')
export class Contact extends BaseRecord {
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  workPhone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  wechat: string | null;

  /** `YYYY-MM-DD`. */
  @Column({ type: 'date', nullable: true })
  birthday: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  gender: Gender | null;

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  preferredChannel: ContactChannel | null;

  @Column({ type: 'boolean', default: false })
  doNotCall: boolean;

  @Column({ type: 'boolean', default: false })
  doNotEmail: boolean;

  @Column({ type: 'boolean', default: false })
  doNotSms: boolean;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  /** Set by the activities module. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastActivityAt: Date | null;

  /** Id of the record in another system, for upserts by import. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
