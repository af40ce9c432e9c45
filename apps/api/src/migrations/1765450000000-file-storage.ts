import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * core/files storage: attachments' bytes go to a storage driver (`dir`: a local folder, `s3`: S3-compatible
 * object storage) named by the row; rows stored in PostgreSQL before (`db`) keep their bytes.
 */
export class FileStorage1765450000000 implements MigrationInterface {
  name = 'FileStorage1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachments DROP CONSTRAINT ck_attachments_storage`);
    await q.query(
      `ALTER TABLE attachments ADD CONSTRAINT ck_attachments_storage CHECK ((storage = 'db' AND content IS NOT NULL) OR (storage IN ('dir', 's3') AND storage_key IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachments DROP CONSTRAINT ck_attachments_storage`);
    await q.query(`ALTER TABLE attachments ADD CONSTRAINT ck_attachments_storage CHECK ((storage = 'db' AND content IS NOT NULL) OR (storage = 'dir' AND storage_key IS NOT NULL))`);
  }
}
