import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Public } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { RateLimit } from '@core/ratelimit/rate-limit';
import { AnswerSurveyDto, PublicReplyDto, PublicReplyResponse, PublicTicketAccepted, PublicTicketDto, SurveyResponse } from './dto/ticket.dto';
import { TicketPublicService } from './ticket-public.service';

@ApiTags('public')
@Controller('public')
export class TicketPublicController {
  constructor(private readonly pub: TicketPublicService) {}

  /** A support web form opens a ticket (form key in X-Form-Key; rate limited per IP); answers its number and reply token */
  @Public()
  @RateLimit('public')
  @Post('tickets')
  @HttpCode(202)
  @ApiHeader({ name: 'X-Form-Key', required: true, description: 'The key of a ticket form' })
  @ApiProblems(400, 401, 429)
  submit(@Headers('x-form-key') key: string | undefined, @Body() dto: PublicTicketDto): Promise<PublicTicketAccepted> {
    return this.pub.submit(key, dto);
  }

  /**
   * The customer replies with the ticket's token: added to an active ticket; a resolved ticket reopens within
   * TICKET_REOPEN_DAYS of its resolution; later (or closed) a new ticket linked to it is opened
   */
  @Public()
  @RateLimit('public')
  @Post('tickets/:token/replies')
  @HttpCode(200)
  @ApiProblems(400, 404, 429)
  reply(@Param('token') token: string, @Body() dto: PublicReplyDto): Promise<PublicReplyResponse> {
    return this.pub.reply(token, dto);
  }

  /** The satisfaction survey of a resolved ticket (no login) */
  @Public()
  @RateLimit('public')
  @Get('surveys/:token')
  @ApiProblems(404, 429)
  survey(@Param('token') token: string): Promise<SurveyResponse> {
    return this.pub.survey(token);
  }

  /** Rate the service 1–5 with an optional comment, once (409 TICKET_SURVEY_ANSWERED the second time) */
  @Public()
  @RateLimit('public')
  @Post('surveys/:token')
  @HttpCode(200)
  @ApiProblems(400, 404, 409, 429)
  answer(@Param('token') token: string, @Body() dto: AnswerSurveyDto): Promise<SurveyResponse> {
    return this.pub.answer(token, dto);
  }
}
