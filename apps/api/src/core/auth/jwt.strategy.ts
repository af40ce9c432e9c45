import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessService } from '../access/access.service';
import type { AuthUser } from './auth-user';
import { JwtSecretService } from './jwt-secret.service';

export const JWT_ISSUER = 'keyuan';

/** What an access token says: the user, the login it belongs to (refresh token family) and the user's token version. */
export interface AccessClaims {
  sub: string;
  typ: 'access';
  sid: string;
  ver: number;
}

type AccessPayload = Partial<AccessClaims> & { sub: string };

/**
 * passport-jwt's strategy, used per application instance rather than through passport's global
 * registry (two app instances in one process, as in the tests, must not share one strategy).
 */
@Injectable()
export class JwtStrategy {
  private readonly strategy: Strategy;

  constructor(
    private readonly access: AccessService,
    secrets: JwtSecretService,
  ) {
    this.strategy = new Strategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKeyProvider: (_req: unknown, _token: unknown, done: (err: unknown, secret?: string) => void) =>
          // a KeyObject, though the typings only know strings and buffers
          done(null, secrets.keyObject as unknown as string),
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
      },
      (payload: AccessPayload, done: (err: unknown, user?: AuthUser | false, info?: unknown) => void) => {
        this.validate(payload).then(
          (user) => done(null, user),
          (err: unknown) => done(err),
        );
      },
    );
  }

  async validate(payload: AccessPayload): Promise<AuthUser> {
    if (payload.typ !== 'access' || typeof payload.sid !== 'string' || typeof payload.ver !== 'number') {
      throw new UnauthorizedException('Not an access token');
    }
    // the login must still be live: logout, a password reset, deactivation or a role change end it at once
    const user = await this.access.loadAuthUser(payload.sub, { sessionId: payload.sid, tokenVersion: payload.ver });
    if (!user) throw new UnauthorizedException('The session has ended or the account is inactive; sign in again');
    return user;
  }

  /** Runs the strategy on a request: the user, or an UnauthorizedException saying why not. */
  authenticate(req: Request): Promise<AuthUser> {
    return new Promise((resolve, reject) => {
      const s = Object.create(this.strategy) as Strategy & {
        success: (user: AuthUser) => void;
        fail: (info: unknown) => void;
        error: (err: unknown) => void;
      };
      s.success = (user) => resolve(user);
      s.error = (err) => reject(err instanceof UnauthorizedException ? err : new UnauthorizedException('A valid bearer access token is required'));
      s.fail = (info) =>
        reject(
          new UnauthorizedException(
            info instanceof Error && info.name === 'TokenExpiredError'
              ? 'The access token has expired; refresh it'
              : 'A valid bearer access token is required',
          ),
        );
      s.authenticate(req, {});
    });
  }
}
