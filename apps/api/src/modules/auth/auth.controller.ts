import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { AllowBeforePasswordChange, CurrentUser, Public } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { RateLimit } from '@core/ratelimit/rate-limit';
import { ChangePasswordDto, LoginDto, MeResponse, RefreshDto, TokenResponse } from './dto/auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Log in with email and password. Every failure answers 401 INVALID_CREDENTIALS (unknown email, wrong
   * password, locked or deactivated account); LOGIN_MAX_FAILURES wrong passwords from one client lock the
   * account for that client (only) for LOGIN_LOCK_MINUTES
   */
  @Public()
  @RateLimit('auth')
  @Post('login')
  @HttpCode(200)
  @ApiProblems(400, 401, 429)
  login(@Body() dto: LoginDto, @Ip() ip: string | undefined): Promise<TokenResponse> {
    return this.auth.login(dto.email, dto.password, ip ?? 'unknown');
  }

  /** Exchange a refresh token for a new token pair (rotation; reuse revokes the login) */
  @Public()
  @RateLimit('auth')
  @Post('refresh')
  @HttpCode(200)
  @ApiProblems(400, 401, 429)
  refresh(@Body() dto: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** End this login: its refresh tokens and access tokens stop working at once, on every instance */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiProblems(400)
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  /**
   * Change your own password (required after an admin's reset). Every other session ends; the answer is
   * a new token pair for this one. 400 WRONG_PASSWORD when the current password is wrong
   */
  @ApiBearerAuth()
  @RateLimit('auth')
  @AllowBeforePasswordChange()
  @Post('password')
  @HttpCode(200)
  @ApiProblems(400, 401, 429)
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<TokenResponse> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }

  /** The current user, their roles and merged permissions */
  @ApiBearerAuth()
  @AllowBeforePasswordChange()
  @Get('me')
  @ApiProblems(401)
  me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return this.auth.me(user);
  }
}
