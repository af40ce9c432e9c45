import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import { CurrentUser, IfMatchVersion } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import { CreateObjectRecordDto, ExportObjectRecordsDto, ObjectRecordPage, ObjectRecordResponse, QueryObjectRecordsDto, UpdateObjectRecordDto } from './dto/record.dto';
import { RecordsService } from './records.service';

/** Records of a custom module; each action needs the module's permission `obj.<object>:<action>`, scoped like built-in records. */
@ApiTags('custom-modules')
@ApiBearerAuth()
@Controller('records/:object')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  /** Records of the module you may read: `q` searches names, `custom.<key>=v` / `custom.<key>From|To` filter, `sort=custom.<key>` sorts (keyset pages) */
  @Get()
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentUser() user: AuthUser, @Param('object') object: string, @Query() query: QueryObjectRecordsDto): Promise<ObjectRecordPage> {
    return this.records.list(user, object, query);
  }

  /** Download the records matching the filters you may see, as CSV or XLSX */
  @Get('export')
  @ApiCsvExport()
  exportFile(
    @CurrentUser() user: AuthUser,
    @Param('object') object: string,
    @Query() query: ExportObjectRecordsDto,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    return this.records.export(user, object, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Create a record (400 naming `custom.<key>` for a bad value) */
  @Post()
  @ApiProblems(400, 401, 403, 404, 409)
  create(@CurrentUser() user: AuthUser, @Param('object') object: string, @Body() dto: CreateObjectRecordDto): Promise<ObjectRecordResponse> {
    return this.records.create(user, object, dto);
  }

  /** A record (404 outside your data scope) */
  @Get(':id')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('object') object: string, @Param('id', ParseUUIDPipe) id: string): Promise<ObjectRecordResponse> {
    return this.records.get(user, object, id);
  }

  /** The record's timeline: audited changes, newest first */
  @Get(':id/history')
  @ApiProblems(401, 403, 404)
  history(@CurrentUser() user: AuthUser, @Param('object') object: string, @Param('id', ParseUUIDPipe) id: string): Promise<RecordHistoryResponse> {
    return this.records.history(user, object, id);
  }

  /** Change a record (stale version: 412) */
  @Patch(':id')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('object') object: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateObjectRecordDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ObjectRecordResponse> {
    return this.records.update(user, object, id, dto, ifMatch);
  }

  /** Soft-delete a record (stale If-Match: 412) */
  @Delete(':id')
  @HttpCode(204)
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('object') object: string, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.records.remove(user, object, id, ifMatch);
  }
}
