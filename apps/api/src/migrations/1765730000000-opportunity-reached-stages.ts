import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, the funnel at volume: each opportunity keeps the stages it has entered (`reached_stage_ids`, the
 * distinct `to_stage_id`s of its stage history), written by the stage move in the move's own transaction, so
 * the funnel's "furthest stage reached" is computed from the opportunity row (grouped, then one lookup per
 * distinct set against the pipeline's current stage order and kinds) instead of a history lookup per
 * opportunity. The set (not a stored position) stays right when stages are reordered or change kind.
 * Backfilled from the history.
 */
export class OpportunityReachedStages1765730000000 implements MigrationInterface {
  name = 'OpportunityReachedStages1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunities ADD COLUMN reached_stage_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE opportunities o SET reached_stage_ids = h.ids
        FROM (SELECT opportunity_id, array_agg(DISTINCT to_stage_id ORDER BY to_stage_id) AS ids FROM opportunity_stage_history GROUP BY 1) h
       WHERE h.opportunity_id = o.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunities DROP COLUMN IF EXISTS reached_stage_ids`);
  }
}
