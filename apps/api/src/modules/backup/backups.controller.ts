import { Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@core/auth/decorators';
import { contentDisposition } from '@core/files/attachments.service';
import { ApiProblems } from '@core/http/api-problems';
import { BackupsService } from './backups.service';
import { BackupListResponse, BackupResponse } from './dto/backup.dto';

@ApiTags('backups')
@ApiBearerAuth()
@Controller('admin/backups')
export class BackupsController {
  constructor(private readonly backups: BackupsService) {}

  /** Backup archives (nightly and on request), newest first */
  @Get()
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403)
  async list(): Promise<BackupListResponse> {
    return { data: await this.backups.list() };
  }

  /** Make a backup now: every table (one consistent snapshot) and every stored file, tar + gzip with a manifest */
  @Post()
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403)
  create(): Promise<BackupResponse> {
    return this.backups.create();
  }

  /** Download an archive (restore it with `pnpm db:restore <file>` into an empty database) */
  @Get(':name')
  @RequirePermission('settings', 'update')
  @ApiProduces('application/gzip')
  @ApiResponse({ status: 200, description: 'The archive', content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 403, 404)
  async download(@Param('name') name: string): Promise<StreamableFile> {
    const { body, size } = await this.backups.open(name);
    return new StreamableFile(body, { type: 'application/gzip', disposition: contentDisposition(name), length: size });
  }
}
