import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settings (系统设置): one row of company profile (names in both languages, address, phone, tax number,
 * bank and account, the logo as an attachment), defaults (time zone, locale) and the login page's
 * company name. Empty values fall back to the COMPANY_* / TZ_BUSINESS / DEFAULT_LOCALE configuration.
 */
export class Settings1765450100000 implements MigrationInterface {
  name = 'Settings1765450100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        company_name_zh varchar(200) NOT NULL DEFAULT '',
        company_name_en varchar(200) NOT NULL DEFAULT '',
        address varchar(300) NOT NULL DEFAULT '',
        phone varchar(50) NOT NULL DEFAULT '',
        tax_id varchar(50) NOT NULL DEFAULT '',
        bank_name varchar(100) NOT NULL DEFAULT '',
        bank_account varchar(50) NOT NULL DEFAULT '',
        logo_attachment_id uuid NULL REFERENCES attachments(id) ON DELETE SET NULL,
        time_zone varchar(60) NULL,
        locale varchar(5) NULL CHECK (locale IN ('zh-CN', 'en-US')),
        login_company_name varchar(200) NOT NULL DEFAULT '',
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_by_id uuid NULL,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`INSERT INTO app_settings (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_settings`);
  }
}
