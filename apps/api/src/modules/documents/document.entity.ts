import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

export const DOCUMENT_KINDS = ['folder', 'file'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const SHARE_SCOPES = ['private', 'users', 'departments', 'roles', 'everyone'] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];

/** A folder or a file of the network drive (我的文档). A file's bytes are its head version's attachment. */
@Entity('documents')
export class DocumentItem extends BaseRecord {
  @Column({ type: 'varchar', length: 6 })
  kind: DocumentKind;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 40, array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 12, default: 'private' })
  shareScope: ShareScope;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  shareUserIds: string[];

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  shareDepartmentIds: string[];

  @Column({ type: 'varchar', length: 60, array: true, default: () => `'{}'` })
  shareRoleKeys: string[];

  @Column({ type: 'uuid', nullable: true })
  headVersionId: string | null;

  @Column({ type: 'int', default: 0 })
  versionCount: number;

  /** bigint comes back from pg as a string. */
  @Column({ type: 'bigint', nullable: true })
  sizeBytes: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  fileType: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contentType: string | null;

  /** Lower-cased name and tags (trigram-indexed) for `q`. */
  @Column({ type: 'text', default: '', select: false })
  searchText: string;

  /** 2-character pieces of the Chinese in name and tags (GIN) for 2-character Chinese queries. */
  @Column({ type: 'text', array: true, default: () => `'{}'`, select: false })
  searchBigrams: string[];

  @Column({ type: 'uuid', nullable: true })
  trashedById: string | null;

  /** The item whose deletion put this one in the trash (itself, or a folder above it). */
  @Column({ type: 'uuid', nullable: true })
  trashRootId: string | null;
}

/** One uploaded (or restored) state of a file; the bytes are a core attachment of record type `document`. */
@Entity('document_versions')
export class DocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'uuid' })
  attachmentId: string;

  /** The version number this one was restored from (null: an upload). */
  @Column({ type: 'int', nullable: true })
  restoredFrom: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
