import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The default contract approval tests the amount in the base currency (a USD contract of 100,000 is about
 * CNY 720,000 and must reach the manager too): the seeded flow's condition moves from `amount` to `baseAmount`.
 */
export class ContractApprovalBaseAmount1764970000000 implements MigrationInterface {
  name = 'ContractApprovalBaseAmount1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE approval_flows SET condition = $1::jsonb, version = version + 1, updated_at = now()
        WHERE kind = 'contract' AND trigger = 'submit' AND name = '合同金额审批 Contract amount' AND condition = $2::jsonb`,
      [
        JSON.stringify({ match: 'all', conditions: [{ field: 'baseAmount', op: 'gte', value: 500000 }] }),
        JSON.stringify({ match: 'all', conditions: [{ field: 'amount', op: 'gte', value: 500000 }] }),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE approval_flows SET condition = $1::jsonb WHERE kind = 'contract' AND trigger = 'submit' AND name = '合同金额审批 Contract amount' AND condition = $2::jsonb`,
      [
        JSON.stringify({ match: 'all', conditions: [{ field: 'amount', op: 'gte', value: 500000 }] }),
        JSON.stringify({ match: 'all', conditions: [{ field: 'baseAmount', op: 'gte', value: 500000 }] }),
      ],
    );
  }
}
