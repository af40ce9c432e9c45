/**
 * SQL pieces deciding who sees and who acts on an approval (alias `a` for approvals; `:me` the user).
 * A delegate stands in for the users who delegated to them for a period including now.
 */
export const DELEGATORS_OF_ME = `SELECT dl.user_id FROM approval_delegations dl
  WHERE dl.delegate_id = :me AND dl.deleted_at IS NULL AND dl.starts_at <= now() AND dl.ends_at > now()`;

/**
 * Approvers of the step waiting now: the user or one they stand in for. A delegate never decides their own
 * request (a rep standing in for their manager cannot approve the 撞单 they submitted).
 */
export const CAN_ACT = `a.status = 'pending' AND EXISTS (SELECT 1 FROM approval_tasks ct
  WHERE ct.approval_id = a.id AND ct.step = a.current_step AND ct.status = 'pending'
    AND (ct.user_id = :me OR (a.submitter_id <> :me AND ct.user_id IN (${DELEGATORS_OF_ME}))))`;

/** People of the approval: the submitter, every approver (past or present), who acted, and their delegates. */
export const PARTICIPANT = `(a.submitter_id = :me OR EXISTS (SELECT 1 FROM approval_tasks pt
  WHERE pt.approval_id = a.id AND (pt.user_id = :me OR pt.acted_by_id = :me OR pt.user_id IN (${DELEGATORS_OF_ME}))))`;

/** Approvals the user decided (approved, rejected or passed on). */
export const DONE_BY_ME = `EXISTS (SELECT 1 FROM approval_events de
  WHERE de.approval_id = a.id AND de.actor_id = :me AND de.action IN ('approve', 'reject', 'transfer'))`;

/** `:name` parameters to positional ones for raw queries. */
export const positional = (sql: string, names: string[]) => names.reduce((s, n, i) => s.replaceAll(`:${n}`, `$${i + 1}`), sql);
