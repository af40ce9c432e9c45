import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { AttachmentUploadInterceptor } from '@core/files/attachment-upload.interceptor';
import { contentDisposition, UploadedFileInput } from '@core/files/attachments.service';
import { ATTACHMENT_CONTENT_TYPES } from '@core/files/file-signature';
import { ApiProblems } from '@core/http/api-problems';
import { toFieldErrors } from '@core/http/field-errors';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DocumentLinksService } from './document-links.service';
import { DocumentTrashService } from './document-trash.service';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentsService } from './documents.service';
import {
  CreateFolderDto,
  DocumentDetailResponse,
  DocumentLinkResponse,
  DocumentListResponse,
  DocumentPage,
  DocumentResponse,
  DocumentVersionListResponse,
  LINKABLE_RECORD_TYPES,
  LinkDocumentDto,
  LinkableRecordType,
  PurgeResponse,
  QueryDocumentsDto,
  QueryTrashDto,
  ShareDocumentDto,
  ShareTargetsResponse,
  UpdateDocumentDto,
  UploadDocumentDto,
  UploadVersionDto,
} from './dto/document.dto';
import { ParseRecordTypePipe } from './record-type.pipe';

type FileRequest = Request & { file?: UploadedFileInput; body: Record<string, string | undefined> };

/**
 * The text fields of a multipart upload, checked like a JSON body (the global pipe does not see them):
 * 400 VALIDATION_FAILED naming the field (parentId not a UUID, note over 500, tags over 400 or a tag over 40).
 */
function uploadFields<T extends object>(type: new () => T, body: Record<string, unknown> | undefined): T {
  const fields = Object.fromEntries(Object.entries(body ?? {}).filter(([k, v]) => k !== 'file' && v !== '' && v !== undefined));
  const dto = plainToInstance(type, fields);
  const errors = toFieldErrors(validateSync(dto, { whitelist: true, validationError: { target: true, value: true } }));
  const tags = (dto as { tags?: unknown }).tags;
  if (typeof tags === 'string' && !errors.some((e) => e.field === 'tags') && tags.split(/[,，]/).some((t) => t.trim().length > 40)) {
    errors.push({ field: 'tags', code: 'too_long', params: { max: 40 }, message: 'each tag must be at most 40 characters' });
  }
  if (errors.length) throw new BadRequestException({ errors });
  return dto;
}

const FILE_RESPONSE = {
  status: 200,
  description: 'The file, in the type its first bytes showed on upload',
  content: Object.fromEntries(ATTACHMENT_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
};

const fileBody = (r: Awaited<ReturnType<DocumentVersionsService['read']>>, inline?: string) =>
  new StreamableFile(r.body, {
    type: r.attachment.contentType,
    disposition: inline === 'true' ? contentDisposition(r.attachment.fileName).replace(/^attachment/, 'inline') : contentDisposition(r.attachment.fileName),
    length: r.length,
  });

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly versions: DocumentVersionsService,
    private readonly links: DocumentLinksService,
    private readonly trash: DocumentTrashService,
  ) {}

  /** A folder's content (or the top level), or with `q` / `tag` a search over every document you may see (name and tags, Chinese included) */
  @Get()
  @RequirePermission('documents', 'read')
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryDocumentsDto): Promise<DocumentPage> {
    return this.documents.list(user, query);
  }

  /** Departments and roles you may share with */
  @Get('share-targets')
  @RequirePermission('documents', 'read')
  @ApiProblems(401, 403)
  shareTargets(): Promise<ShareTargetsResponse> {
    return this.documents.shareTargets();
  }

  /** The trash: items you deleted (or may manage), kept 30 days */
  @Get('trash')
  @RequirePermission('documents', 'delete')
  @ApiProblems(400, 401, 403)
  trashList(@CurrentUser() user: AuthUser, @Query() query: QueryTrashDto): Promise<DocumentPage> {
    return this.trash.list(user, query);
  }

  /** Documents linked to a record you may see (404 otherwise); only the documents you may see */
  @Get('by-record/:recordType/:recordId')
  @RequirePermission('documents', 'read')
  @ApiParam({ name: 'recordType', enum: LINKABLE_RECORD_TYPES })
  @ApiProblems(400, 401, 403, 404)
  forRecord(@CurrentUser() user: AuthUser, @Param('recordType', ParseRecordTypePipe) type: LinkableRecordType, @Param('recordId', ParseUUIDPipe) recordId: string): Promise<DocumentListResponse> {
    return this.links.forRecord(user, type, recordId);
  }

  /** Create a folder (at the top level or in a folder you can see); it starts with its folder's sharing */
  @Post('folders')
  @RequirePermission('documents', 'create')
  @ApiProblems(400, 401, 403)
  createFolder(@CurrentUser() user: AuthUser, @Body() dto: CreateFolderDto): Promise<DocumentResponse> {
    return this.documents.createFolder(user, dto);
  }

  /** Upload a file (multipart `file`, optional `parentId`, `tags`): pdf, png, jpeg, docx, xlsx or doc by its first bytes (415 otherwise), at most FILES_MAX_BYTES (413) */
  @Post('files')
  @RequirePermission('documents', 'create')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
  @ApiProblems(400, 401, 403, 413, 415)
  upload(@CurrentUser() user: AuthUser, @Req() req: FileRequest): Promise<DocumentResponse> {
    const fields = uploadFields(UploadDocumentDto, req.body);
    return this.documents.upload(user, req.file, fields.parentId || undefined, fields.tags);
  }

  /** A document you may see, with its folder path and the records it is linked to (404 otherwise) */
  @Get(':id')
  @RequirePermission('documents', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentDetailResponse> {
    return this.documents.get(user, id);
  }

  /** Rename, move or tag (owner or your data scope; 412 on a stale version) */
  @Patch(':id')
  @RequirePermission('documents', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateDocumentDto, @IfMatchVersion() ifMatch?: number): Promise<DocumentResponse> {
    return this.documents.update(user, id, dto, ifMatch);
  }

  /** Share with nobody (private), named users, departments (with sub-departments), roles or everyone */
  @Post(':id/share')
  @HttpCode(200)
  @RequirePermission('documents', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  share(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ShareDocumentDto, @IfMatchVersion() ifMatch?: number): Promise<DocumentResponse> {
    return this.documents.share(user, id, dto, ifMatch);
  }

  /** Move to the trash with everything below it (kept 30 days) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('documents', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.trash.remove(user, id, ifMatch);
  }

  /** Bring an item back from the trash with everything deleted with it */
  @Post(':id/restore')
  @HttpCode(204)
  @RequirePermission('documents', 'delete')
  @ApiProblems(401, 403, 404, 409)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.trash.restore(user, id);
  }

  /** Remove an item in the trash for good, with its stored files */
  @Post(':id/purge')
  @HttpCode(200)
  @RequirePermission('documents', 'delete')
  @ApiProblems(401, 403, 404, 409)
  async purge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PurgeResponse> {
    return { purged: await this.trash.purge(user, id) };
  }

  /** Download the current version (`inline=true` for a preview in the browser) */
  @Get(':id/content')
  @RequirePermission('documents', 'read')
  @ApiQuery({ name: 'inline', required: false, type: Boolean })
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiResponse(FILE_RESPONSE)
  @ApiProblems(400, 401, 403, 404)
  async content(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query('inline') inline?: string): Promise<StreamableFile> {
    return fileBody(await this.versions.read(user, id), inline);
  }

  /** The file's versions, newest first */
  @Get(':id/versions')
  @RequirePermission('documents', 'read')
  @ApiProblems(400, 401, 403, 404)
  versionList(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentVersionListResponse> {
    return this.versions.list(user, id);
  }

  /** Upload a new version: it becomes the current one, the old ones stay */
  @Post(':id/versions')
  @RequirePermission('documents', 'update')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadVersionDto })
  @ApiProblems(400, 401, 403, 404, 412, 413, 415)
  addVersion(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Req() req: FileRequest, @IfMatchVersion() ifMatch?: number): Promise<DocumentResponse> {
    return this.versions.add(user, id, req.file, uploadFields(UploadVersionDto, req.body).note, ifMatch);
  }

  /** Download a version */
  @Get(':id/versions/:versionId/content')
  @RequirePermission('documents', 'read')
  @ApiQuery({ name: 'inline', required: false, type: Boolean })
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiResponse(FILE_RESPONSE)
  @ApiProblems(400, 401, 403, 404)
  async versionContent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('versionId', ParseUUIDPipe) versionId: string,
    @Query('inline') inline?: string,
  ): Promise<StreamableFile> {
    return fileBody(await this.versions.read(user, id, versionId), inline);
  }

  /** Restore a version: a new current version with that version's content (history only grows) */
  @Post(':id/versions/:versionId/restore')
  @HttpCode(200)
  @RequirePermission('documents', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  restoreVersion(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('versionId', ParseUUIDPipe) versionId: string, @IfMatchVersion() ifMatch?: number): Promise<DocumentResponse> {
    return this.versions.restore(user, id, versionId, ifMatch);
  }

  /** Link the document to a record you may see (account, opportunity, contract, ticket) */
  @Post(':id/links')
  @RequirePermission('documents', 'update')
  @ApiProblems(400, 401, 403, 404)
  link(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkDocumentDto): Promise<DocumentLinkResponse> {
    return this.links.link(user, id, dto.recordType, dto.recordId);
  }

  /** Remove a link */
  @Delete(':id/links/:recordType/:recordId')
  @HttpCode(204)
  @RequirePermission('documents', 'update')
  @ApiParam({ name: 'recordType', enum: LINKABLE_RECORD_TYPES })
  @ApiProblems(400, 401, 403, 404)
  unlink(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recordType', ParseRecordTypePipe) type: LinkableRecordType,
    @Param('recordId', ParseUUIDPipe) recordId: string,
  ): Promise<void> {
    return this.links.unlink(user, id, type, recordId);
  }
}
