import { Body, Controller, Header, Headers, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@core/auth/decorators';
import { SmsWebhooksService } from './sms-webhooks.service';

/** What Aliyun must read to stop retrying a push. */
const ALIYUN_OK = { code: 0, msg: '接收成功' };
const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Provider callbacks (public, verified by the provider's scheme: 403 and nothing written when wrong). Not in
 * the integrators' OpenAPI: providers call them, the settings page shows their URLs.
 */
@ApiExcludeController()
@Public()
@Controller('sms/webhooks')
export class SmsWebhooksController {
  constructor(private readonly webhooks: SmsWebhooksService) {}

  @Post('twilio/status')
  @HttpCode(200)
  @Header('content-type', 'text/xml')
  async twilioStatus(
    @Req() req: Request,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('x-twilio-signature') signature?: string,
  ): Promise<string> {
    await this.webhooks.twilioStatus({ url: await this.url(req), body, query, signature });
    return TWIML_EMPTY;
  }

  @Post('twilio/inbound')
  @HttpCode(200)
  @Header('content-type', 'text/xml')
  async twilioInbound(
    @Req() req: Request,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Headers('x-twilio-signature') signature?: string,
  ): Promise<string> {
    await this.webhooks.twilioInbound({ url: await this.url(req), body, query, signature });
    return TWIML_EMPTY;
  }

  @Post('aliyun/status')
  @HttpCode(200)
  async aliyunStatus(
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<typeof ALIYUN_OK> {
    await this.webhooks.aliyunStatus({ url: '', body, query });
    return ALIYUN_OK;
  }

  @Post('aliyun/inbound')
  @HttpCode(200)
  async aliyunInbound(
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<typeof ALIYUN_OK> {
    await this.webhooks.aliyunInbound({ url: '', body, query });
    return ALIYUN_OK;
  }

  private url(req: Request): Promise<string> {
    return this.webhooks.publicUrl(req.originalUrl, `${req.protocol}://${req.get('host')}${req.originalUrl}`);
  }
}
