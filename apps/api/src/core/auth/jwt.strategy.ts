import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessService } from '../access/access.service';
import type { AuthUser } from './auth-user';
import { JwtSecretService } from './jwt-secret.service';

export const JWT_ISSUER = 'keyuan';

interface AccessPayload {
  sub: string;
  typ?: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly access: AccessService,
    secrets: JwtSecretService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_req: unknown, _token: unknown, done: (err: unknown, secret?: string) => void) =>
        done(null, secrets.secret),
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
    });
  }

  async validate(payload: AccessPayload): Promise<AuthUser> {
    if (payload.typ !== 'access') throw new UnauthorizedException('Not an access token');
    const user = await this.access.loadAuthUser(payload.sub);
    if (!user) throw new UnauthorizedException('The account is inactive or no longer exists');
    return user;
  }
}
