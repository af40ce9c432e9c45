import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { EmailTrackingService, PIXEL } from './email-tracking.service';
import { EmailUnsubscribeInfo } from './dto/email.dto';

/** Links in bulk mail, reached without login: each token is signed (a changed one is a 400). */
@ApiTags('email')
@Controller('email')
export class EmailPublicController {
  constructor(private readonly tracking: EmailTrackingService) {}

  /** The open pixel (a 1×1 GIF; counts the message's open) */
  @Public()
  @Get('t/o/:token')
  @Header('Content-Type', 'image/gif')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('image/gif')
  @ApiResponse({ status: 200, description: 'A 1×1 transparent GIF', content: { 'image/gif': { schema: { type: 'string', format: 'binary' } } } })
  async open(@Param('token') token: string, @Res() res: Response): Promise<void> {
    await this.tracking.open(token);
    res.end(PIXEL);
  }

  /** A tracked link: counts the click and redirects to the URL it was signed with (400 when changed) */
  @Public()
  @Get('t/c/:token')
  @ApiResponse({ status: 302, description: 'Redirect to the signed URL (Location header)' })
  @ApiProblems(400)
  async click(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const target = await this.tracking.click(token);
    res.status(302).setHeader('Location', target);
    res.end();
  }

  /** Which address an unsubscribe link is for (masked) and whether it already unsubscribed */
  @Public()
  @Get('unsubscribe/:token')
  @ApiProblems(400)
  info(@Param('token') token: string): Promise<EmailUnsubscribeInfo> {
    return this.tracking.info(token);
  }

  /** Unsubscribe the address from bulk mail: the page's button and the RFC 8058 one-click POST of mail clients */
  @Public()
  @Post('unsubscribe/:token')
  @HttpCode(200)
  @ApiProblems(400)
  unsubscribe(@Param('token') token: string): Promise<EmailUnsubscribeInfo> {
    return this.tracking.unsubscribe(token, 'one-click');
  }
}
