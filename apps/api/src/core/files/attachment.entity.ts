import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A file attached to a record of any kind (`recordType` + `recordId`, e.g. `contract`): its bytes in
 * the storage named by `storage` (`dir`: a file under FILES_DIR, `s3`: an object) under `storageKey`, or in
 * `content` for rows from before the storage (`db`).
 */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  recordType: string;

  @Column({ type: 'uuid' })
  recordId: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** What the first bytes are (pdf, png, jpeg, docx, xlsx, doc). */
  @Column({ type: 'varchar', length: 10 })
  fileType: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  /** bigint comes back from pg as a string. */
  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 10 })
  storage: 'db' | 'dir' | 's3';

  @Column({ type: 'varchar', length: 200, nullable: true })
  storageKey: string | null;

  /** Only read on download (`select: false`): lists never load the bytes. */
  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
