import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { SHARE_SCOPES } from '../document.entity';

/** Record types a document can be linked to (their modules answer whether the caller may see the record). */
export const LINKABLE_RECORD_TYPES = ['account', 'opportunity', 'contract', 'ticket'] as const;
export type LinkableRecordType = (typeof LINKABLE_RECORD_TYPES)[number];

export class CreateFolderDto {
  /** @example 销售资料 */
  @IsString() @IsNotEmpty() @MaxLength(255)
  name: string;
  /** The folder to create it in (null or absent: the top level). */
  @ApiProperty({ required: false, nullable: true, format: 'uuid', type: String })
  @IsOptional() @IsUUID()
  parentId?: string | null;
  /** @example ["销售"] */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true })
  tags?: string[];
}

export class UploadDocumentDto {
  /** The file (pdf, png, jpeg, docx, xlsx or doc, recognised by its first bytes; at most FILES_MAX_BYTES). */
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
  /** The folder to put it in (absent: the top level). */
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional() @IsUUID()
  parentId?: string;
  /** Comma-separated tags. @example 合同,模板 */
  @IsOptional() @IsString() @MaxLength(400)
  tags?: string;
}

export class UploadVersionDto {
  /** The new content (same types and limit as an upload). */
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
  /** What changed. @example 客户确认版 */
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class UpdateDocumentDto {
  /** @example 销售合同模板-2026.docx */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(255)
  name?: string;
  /** Move into this folder (null: the top level). */
  @ApiProperty({ required: false, nullable: true, format: 'uuid', type: String })
  @IsOptional() @IsUUID()
  parentId?: string | null;
  /** @example ["合同", "模板"] */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true })
  tags?: string[];
  /** The version you read (412 when it changed since); `If-Match` works too. @example 1 */
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ShareDocumentDto {
  /** Who sees it besides you (and those whose data scope covers you). */
  @ApiProperty({ enum: SHARE_SCOPES, example: 'departments' })
  @IsIn(SHARE_SCOPES)
  scope: (typeof SHARE_SCOPES)[number];
  /** With scope `users`. */
  @ApiProperty({ required: false, type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true })
  userIds?: string[];
  /** With scope `departments`: these departments and their sub-departments. */
  @ApiProperty({ required: false, type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  departmentIds?: string[];
  /** With scope `roles`: holders of these role keys. @example ["sales_rep"] */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(60, { each: true })
  roleKeys?: string[];
  /** Apply the same sharing to everything inside the folder too. @example false */
  @IsOptional() @IsBoolean()
  applyToChildren?: boolean;
  /** The version you read (412 when it changed since). @example 1 */
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class LinkDocumentDto {
  @ApiProperty({ enum: LINKABLE_RECORD_TYPES, example: 'account' })
  @IsIn(LINKABLE_RECORD_TYPES)
  recordType: LinkableRecordType;
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  recordId: string;
}

export class QueryDocumentsDto extends ListQueryDto {
  /** The folder whose content to list (absent: the top level, plus items shared with you whose folder you cannot see). Ignored with `q` or `tag`, which search everything you can see. */
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional() @IsUUID()
  parentId?: string;
  /** Items carrying this tag (exact). @example 合同 */
  @IsOptional() @IsString() @MaxLength(40)
  tag?: string;
  @ApiProperty({ required: false, enum: ['folder', 'file'] })
  @IsOptional() @IsIn(['folder', 'file'])
  kind?: string;
  /** Only items you own. @example false */
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  mine?: boolean;
}

export class QueryTrashDto extends ListQueryDto {}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ['folder', 'file'] })
  kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
  /** @example 销售合同模板.docx */
  name: string;
  /** @example ["合同"] */
  tags: string[];
  @ApiProperty({ format: 'uuid' })
  ownerId: string;
  /** @example 张伟 */
  ownerName: string | null;
  @ApiProperty({ enum: SHARE_SCOPES })
  shareScope: string;
  @ApiProperty({ type: [String] })
  shareUserIds: string[];
  @ApiProperty({ type: [String] })
  shareDepartmentIds: string[];
  @ApiProperty({ type: [String] })
  shareRoleKeys: string[];
  /** Number of versions (files). @example 2 */
  versionCount: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  headVersionId: string | null;
  /** Size of the head version (files). @example 183204 */
  @ApiProperty({ nullable: true, type: Number })
  sizeBytes: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'pdf' })
  fileType: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'application/pdf' })
  contentType: string | null;
  /** Whether the caller may rename, move, share, version and delete it. */
  canManage: boolean;
  /** When it went to the trash (trash lists only). */
  @ApiProperty({ nullable: true, type: Date })
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** @example 1 */
  version: number;
}

export class DocumentPage {
  data: DocumentResponse[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export class BreadcrumbEntry {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
}

export class DocumentDetailResponse extends DocumentResponse {
  /** The folders above it you can see, top first. */
  @ApiProperty({ type: [BreadcrumbEntry] })
  path: BreadcrumbEntry[];
  /** Records it is linked to that you may see. */
  @ApiProperty({ type: () => [DocumentLinkResponse] })
  links: DocumentLinkResponse[];
}

export class DocumentLinkResponse {
  @ApiProperty({ enum: LINKABLE_RECORD_TYPES })
  recordType: string;
  @ApiProperty({ format: 'uuid' })
  recordId: string;
}

export class DocumentVersionResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 2 */
  number: number;
  /** Whether this is the current content. */
  isHead: boolean;
  /** @example 销售合同模板.docx */
  fileName: string;
  @ApiProperty({ example: 'docx' })
  fileType: string;
  contentType: string;
  /** @example 183204 */
  sizeBytes: number;
  sha256: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The version this one restored' })
  restoredFrom: number | null;
  @ApiProperty({ nullable: true, type: String })
  note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;
  @ApiProperty({ nullable: true, type: String })
  createdByName: string | null;
  createdAt: Date;
}

export class DocumentVersionListResponse {
  /** Newest first. */
  @ApiProperty({ type: [DocumentVersionResponse] })
  data: DocumentVersionResponse[];
}

export class ShareTarget {
  /** Department id or role key. */
  id: string;
  /** The department's path (`销售部 / 华东区`) or the role's name. */
  name: string;
}

export class ShareTargetsResponse {
  @ApiProperty({ type: [ShareTarget] })
  departments: ShareTarget[];
  /** Roles by key (built-in and custom), named as the admin named them. */
  @ApiProperty({ type: [ShareTarget] })
  roles: ShareTarget[];
}

export class PurgeResponse {
  /** Items removed for good. @example 3 */
  purged: number;
}

export class DocumentListResponse {
  /** Most recently changed first. */
  @ApiProperty({ type: [DocumentResponse] })
  data: DocumentResponse[];
}
