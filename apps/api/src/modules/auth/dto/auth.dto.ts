import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { LowerCaseEmail } from '@core/http/validators';
import { PermissionGrantDto } from '@modules/admin/roles/dto/role.dto';
import { PASSWORD_MESSAGE, PASSWORD_RULE, UserResponse } from '@modules/admin/users/dto/user.dto';

export class LoginDto {
  /** @example admin@keyuan.local */
  @LowerCaseEmail()
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  /** @example Admin123! */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  /** The password you signed in with. @example Demo123! */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  /**
   * The new password: 8-128 characters with a letter and a digit, not the current one.
   * @example N3wPassw0rd
   */
  @IsString()
  @Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })
  newPassword: string;
}

export class RefreshDto {
  /** The refresh token from login or the last refresh; each one works once. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class TokenResponse {
  /** Bearer token for the Authorization header. */
  accessToken: string;
  /** Exchange at /auth/refresh for a new pair; single use. */
  refreshToken: string;
  /** Seconds until the access token expires. @example 900 */
  expiresIn: number;
  /** @example Bearer */
  tokenType: string;
}

export class RoleSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example sales_rep */
  key: string;
  /** @example 销售代表 Sales rep */
  name: string;
}

export class MeResponse {
  user: UserResponse;
  @ApiProperty({ type: [RoleSummary] })
  roles: RoleSummary[];
  /** Merged grants of all the user's roles, one per module. */
  @ApiProperty({ type: [PermissionGrantDto] })
  permissions: PermissionGrantDto[];
  /** @example ["viewSensitive"] */
  specialPermissions: string[];
}
