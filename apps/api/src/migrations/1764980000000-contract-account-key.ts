import { MigrationInterface, QueryRunner } from 'typeorm';

/** Contracts and quotes point at live accounts and contacts by foreign key, as opportunities do (merges move them). */
export class ContractAccountKey1764980000000 implements MigrationInterface {
  name = 'ContractAccountKey1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ADD CONSTRAINT fk_contracts_account FOREIGN KEY (account_id) REFERENCES accounts (id)`);
    await q.query(`ALTER TABLE quotes ADD CONSTRAINT fk_quotes_account FOREIGN KEY (account_id) REFERENCES accounts (id)`);
    await q.query(`ALTER TABLE quotes ADD CONSTRAINT fk_quotes_contact FOREIGN KEY (contact_id) REFERENCES contacts (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quotes DROP CONSTRAINT fk_quotes_contact`);
    await q.query(`ALTER TABLE quotes DROP CONSTRAINT fk_quotes_account`);
    await q.query(`ALTER TABLE contracts DROP CONSTRAINT fk_contracts_account`);
  }
}
