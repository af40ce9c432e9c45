import { Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { forbidden } from '@core/http/domain-error';
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
  // the archive holds every table (password hashes, the token signing key): admins only, never an API key
  @RequireSpecial('restore')
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403)
  async list(@CurrentUser() user: AuthUser): Promise<BackupListResponse> {
    staffOnly(user);
    return { data: await this.backups.list() };
  }

  /** Make a backup now: every table (one consistent snapshot) and every stored file, tar + gzip with a manifest */
  @Post()
  // the archive holds every table (password hashes, the token signing key): admins only, never an API key
  @RequireSpecial('restore')
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403)
  create(@CurrentUser() user: AuthUser): Promise<BackupResponse> {
    staffOnly(user);
    return this.backups.create();
  }

  /** Download an archive (restore it with `pnpm db:restore <file>` into an empty database) */
  @Get(':name')
  // the archive holds every table (password hashes, the token signing key): admins only, never an API key
  @RequireSpecial('restore')
  @RequirePermission('settings', 'update')
  @ApiProduces('application/gzip')
  @ApiResponse({ status: 200, description: 'The archive', content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 403, 404)
  async download(@CurrentUser() user: AuthUser, @Param('name') name: string): Promise<StreamableFile> {
    staffOnly(user);
    const { body, size } = await this.backups.open(name);
    return new StreamableFile(body, { type: 'application/gzip', disposition: contentDisposition(name), length: size });
  }
}

/** A whole-database archive is for a signed-in administrator, never for an integration's API key. */
function staffOnly(user: AuthUser): void {
  if (user.apiKeyId) throw forbidden('restore', 'Backups are not available to API keys');
}
