import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createSecretKey, KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, randomSecret } from '../config/app-config';

/**
 * The signing key for access tokens: JWT_SECRET when set, otherwise one generated on the first start
 * and kept in the database so every API instance on that database signs and verifies alike.
 */
@Injectable()
export class JwtSecretService implements OnModuleInit {
  private value: string | undefined;
  private key: KeyObject | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.jwtSecret) {
      this.value = this.config.jwtSecret;
      return;
    }
    await this.ds.query(
      `INSERT INTO system_settings (key, value) VALUES ('jwt_secret', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`,
      [randomSecret()],
    );
    const rows: { value: string }[] = await this.ds.query(`SELECT value FROM system_settings WHERE key = 'jwt_secret'`);
    this.value = rows[0].value;
  }

  get secret(): string {
    if (!this.value) throw new Error('JWT secret not initialised');
    return this.value;
  }

  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a
   * public key and throws on every request before falling back to a secret key (5 % of CPU under load).
   */
  get keyObject(): KeyObject {
    this.key ??= createSecretKey(Buffer.from(this.secret, 'utf8'));
    return this.key;
  }
}
