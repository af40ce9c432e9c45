import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { RolesService } from '../roles/roles.service';
import { hashPassword } from '../users/password';
import { DemoDataService } from './demo-data.service';

/**
 * On every start: the built-in roles exist. On the first start of an empty database: the admin from
 * ADMIN_EMAIL / ADMIN_PASSWORD (a generated password is printed once), then demo data unless SEED_DEMO=false.
 * An advisory lock keeps two instances starting together from doing it twice.
 */
@Injectable()
export class FirstStartService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstStart');
  /** Set when this start created the admin, so the start banner can tell how to log in. */
  createdAdmin: { email: string; password: string; generated: boolean } | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roles: RolesService,
    private readonly demo: DemoDataService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('keyuan:first-start'))`);
      await this.roles.ensureBuiltInRoles(m);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM users`);
      if (n > 0) return;
      const generated = !this.config.adminPassword;
      const password = this.config.adminPassword ?? `Ky-${randomBytes(9).toString('base64url')}1`;
      const [admin] = await m.query(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
        [this.config.adminEmail, 'Administrator', await hashPassword(password)],
      );
      await m.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = 'admin' AND deleted_at IS NULL`, [admin.id]);
      this.createdAdmin = { email: this.config.adminEmail, password, generated };
      if (generated) {
        this.logger.warn(
          `Created the admin ${this.config.adminEmail} with the generated password: ${password}  (shown once; change it after logging in)`,
        );
      } else {
        this.logger.log(`Created the admin ${this.config.adminEmail} (password from ADMIN_PASSWORD)`);
      }
      if (this.config.seedDemo) await this.demo.seed(m);
    });
  }
}
