import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery receipts that arrived before the message they name was recorded (Aliyun's SendBatchSms report can
 * outrun the recording of the batch's BizId): parked here, keyed like `sms_webhook_keys` (one row per receipt
 * key), applied when the send result is recorded or by the `sms.receipts` sweep, and expired after a few days.
 */
export class SmsParkedReceipts1765700000000 implements MigrationInterface {
  name = 'SmsParkedReceipts1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sms_parked_receipts (
        provider varchar(20) NOT NULL,
        key varchar(200) NOT NULL,
        provider_id varchar(100) NOT NULL,
        status varchar(20) NOT NULL,
        error_code varchar(100),
        received_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, key)
      )`);
    await q.query(`CREATE INDEX idx_sms_parked_receipts_provider_id ON sms_parked_receipts (provider, provider_id)`);
    await q.query(`CREATE INDEX idx_sms_parked_receipts_received ON sms_parked_receipts (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sms_parked_receipts`);
  }
}
