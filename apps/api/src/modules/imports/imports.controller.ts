import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { ApiProblems } from '@core/http/api-problems';
import { ImportPage, ImportResponse, QueryImportsDto, StartImportDto, UploadImportDto } from './dto/import.dto';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Upload a CSV (UTF-8 or GBK) or XLSX file; answers its headers, sample rows and a suggested mapping (404: no such custom module) */
  @Post()
  @RequirePermission('imports', 'create')
  @UseInterceptors(FileInterceptor('file')) // to a temporary file, at most IMPORT_MAX_BYTES: see ImportsModule
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadImportDto })
  @ApiProblems(400, 401, 403, 404, 413)
  upload(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: UploadImportDto,
  ): Promise<ImportResponse> {
    return this.imports.upload(user, file, dto.entityType, dto.encoding);
  }

  /** Your imports (or your department's / everyone's, by scope) */
  @Get()
  @RequirePermission('imports', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryImportsDto): Promise<ImportPage> {
    return this.imports.list(user, query);
  }

  /** An import with its progress and counts */
  @Get(':id')
  @RequirePermission('imports', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ImportResponse> {
    return this.imports.get(user, id);
  }

  /** Start a dry run (validate only) or the import itself, in the background, with a mapping and duplicate policy */
  @Post(':id/start')
  @HttpCode(202)
  @RequirePermission('imports', 'create')
  @ApiProblems(400, 401, 403, 404, 409)
  start(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StartImportDto): Promise<ImportResponse> {
    return this.imports.start(user, id, dto);
  }

  /** Undo an import: remove what it created and restore what it updated */
  @Post(':id/revert')
  @HttpCode(202)
  @RequirePermission('imports', 'update')
  @ApiProblems(401, 403, 404, 409)
  revert(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ImportResponse> {
    return this.imports.revert(user, id);
  }

  /** Delete an import with its file and the original cells of its rows (the records it created stay); the uploader or an admin */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('imports', 'read')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.imports.remove(user, id, ifMatch);
  }

  /** The rows that failed, with the reason (in the language of Accept-Language) and the original cells, as CSV */
  @Get(':id/errors')
  @RequirePermission('imports', 'read')
  @ApiCsvExport({ xlsx: false })
  @ApiProblems(404)
  errors(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    return this.imports.errorsCsv(user, id, res);
  }
}
