import { Body, Controller, Get, Patch, Put, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, Public, RequirePermission } from '@core/auth/decorators';
import { AttachmentUploadInterceptor } from '@core/files/attachment-upload.interceptor';
import type { UploadedFileInput } from '@core/files/attachments.service';
import { UploadAttachmentDto } from '@core/files/dto/attachment.dto';
import { ApiProblems } from '@core/http/api-problems';
import { PublicSettingsResponse, SettingsResponse, UpdateSettingsDto } from './dto/settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** System settings: company profile, defaults, login page name, number formats */
  @Get()
  @ApiBearerAuth()
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403)
  get(): Promise<SettingsResponse> {
    return this.settings.get();
  }

  /** Change settings (admins; audited field by field; If-Match with the version: 412 when stale) */
  @Patch()
  @ApiBearerAuth()
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 412)
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateSettingsDto, @IfMatchVersion() ifMatch?: number): Promise<SettingsResponse> {
    return this.settings.update(user, dto, ifMatch);
  }

  /** Upload the company logo (multipart part `file`, PNG or JPEG by its first bytes, at most FILES_MAX_BYTES) */
  @Put('logo')
  @ApiBearerAuth()
  @RequirePermission('settings', 'update')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiProblems(400, 401, 403, 413, 415)
  setLogo(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<SettingsResponse> {
    return this.settings.setLogo(user, (req as Request & { file?: UploadedFileInput }).file);
  }

  /** The company logo (public: the login page shows it); 404 when none is set */
  @Public()
  @Get('logo')
  @ApiProduces('image/png', 'image/jpeg')
  @ApiResponse({ status: 200, description: 'The logo image', content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404)
  async logo(): Promise<StreamableFile> {
    const { attachment, body, length } = await this.settings.logo();
    return new StreamableFile(body, { type: attachment.contentType, length });
  }

  /** What the login page shows: the company name and whether there is a logo (no sign-in needed) */
  @Public()
  @Get('public')
  @ApiProblems()
  publicInfo(): Promise<PublicSettingsResponse> {
    return this.settings.publicInfo();
  }
}
