import { MigrationInterface, QueryRunner } from 'typeorm';

/** Old ticket type → the issue's list (inquiry, complaint, fault, feedback, service_request). */
export const TICKET_TYPE_MAP: Record<string, string> = { question: 'inquiry', incident: 'fault', problem: 'fault', request: 'service_request', complaint: 'complaint' };
/** Old channel → the issue's list (phone, email, web, sms, wechat, api): live chat was the web widget, on-site visits were logged by phone. */
export const TICKET_CHANNEL_MAP: Record<string, string> = { chat: 'web', onsite: 'phone' };

const TYPES = ['inquiry', 'complaint', 'fault', 'feedback', 'service_request'];
const CHANNELS = ['phone', 'email', 'web', 'sms', 'wechat', 'api'];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
const cases = (column: string, map: Record<string, string>) => `CASE ${column} ${Object.entries(map).map(([a, b]) => `WHEN '${a}' THEN '${b}'`).join(' ')} ELSE ${column} END`;

/**
 * Ticket types and channels exactly as issue 15 lists them. Existing rows are mapped (question → inquiry,
 * incident and problem → fault, request → service_request; channels chat → web, onsite → phone), web forms
 * too, and CHECK constraints keep the lists from drifting again.
 */
export class TicketTypesChannels1765250000000 implements MigrationInterface {
  name = 'TicketTypesChannels1765250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE tickets SET type = ${cases('type', TICKET_TYPE_MAP)}, channel = ${cases('channel', TICKET_CHANNEL_MAP)}
                    WHERE type IN (${list(Object.keys(TICKET_TYPE_MAP).filter((k) => k !== 'complaint'))}) OR channel IN (${list(Object.keys(TICKET_CHANNEL_MAP))})`);
    await q.query(`UPDATE ticket_forms SET type = ${cases('type', TICKET_TYPE_MAP)} WHERE type IN (${list(Object.keys(TICKET_TYPE_MAP).filter((k) => k !== 'complaint'))})`);
    await q.query(`ALTER TABLE tickets ALTER COLUMN type SET DEFAULT 'inquiry'`);
    await q.query(`ALTER TABLE ticket_forms ALTER COLUMN type SET DEFAULT 'inquiry'`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT ck_tickets_type CHECK (type IN (${list(TYPES)}))`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT ck_tickets_channel CHECK (channel IN (${list(CHANNELS)}))`);
    await q.query(`ALTER TABLE ticket_forms ADD CONSTRAINT ck_ticket_forms_type CHECK (type IN (${list(TYPES)}))`);
    // the list filters by type and by channel (newest first)
    await q.query(`CREATE INDEX idx_tickets_type_created ON tickets (type, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_tickets_channel_created ON tickets (channel, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS idx_tickets_channel_created`);
    await q.query(`DROP INDEX IF EXISTS idx_tickets_type_created`);
    await q.query(`ALTER TABLE ticket_forms DROP CONSTRAINT IF EXISTS ck_ticket_forms_type`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT IF EXISTS ck_tickets_channel`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT IF EXISTS ck_tickets_type`);
    const back: Record<string, string> = { inquiry: 'question', fault: 'incident', service_request: 'request', feedback: 'question' };
    await q.query(`UPDATE tickets SET type = ${cases('type', back)}, channel = ${cases('channel', { sms: 'web', api: 'web' })}`);
    await q.query(`UPDATE ticket_forms SET type = ${cases('type', back)}`);
    await q.query(`ALTER TABLE tickets ALTER COLUMN type SET DEFAULT 'question'`);
    await q.query(`ALTER TABLE ticket_forms ALTER COLUMN type SET DEFAULT 'question'`);
  }
}
