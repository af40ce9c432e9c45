import { MigrationInterface, QueryRunner } from 'typeorm';

const OFFICE_DAY = JSON.stringify([
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
]);

/**
 * Business calendars for service levels (SLA): a weekly schedule of working intervals in a time zone,
 * China's official holidays and 调休 make-up working days from the `chinese-days` package when
 * `official_holidays = 'CN'`, and an admin's own days, which override the official ones. One default
 * calendar on first start: Monday to Friday 09:00–12:00 and 13:00–18:00, Asia/Shanghai, official days on.
 */
export class BusinessCalendars1764960000000 implements MigrationInterface {
  name = 'BusinessCalendars1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE business_calendars (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        time_zone varchar(64) NOT NULL,
        weekly jsonb NOT NULL,
        makeup_intervals jsonb,
        official_holidays varchar(10),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_business_calendars_official CHECK (official_holidays IS NULL OR official_holidays = 'CN')
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_calendars_default ON business_calendars (is_default) WHERE is_default AND deleted_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_calendars_name ON business_calendars (lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE business_calendar_days (
        calendar_id uuid NOT NULL REFERENCES business_calendars (id) ON DELETE CASCADE,
        date date NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name varchar(100),
        intervals jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (calendar_id, date)
      )`);
    await q.query(
      `INSERT INTO business_calendars (name, time_zone, weekly, official_holidays, is_default)
       VALUES ('中国标准工作日 China office hours', 'Asia/Shanghai', $1::jsonb, 'CN', true)`,
      [JSON.stringify([OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, '[]', '[]'].map((d) => JSON.parse(d)))],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE business_calendar_days`);
    await q.query(`DROP TABLE business_calendars`);
  }
}
