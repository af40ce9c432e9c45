/**
 * Contracts (合同): the status machine shared by the API (rules, 409s) and the web client (buttons, labels).
 *
 * draft → submit → pending_approval → (approved) active | (rejected) draft
 * draft → submit → active                     (no approval flow matches)
 * active → terminate → terminated;  active → expired (the daily job, after the end date)
 */
export const CONTRACT_STATUSES = ['draft', 'pending_approval', 'active', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** What a user can ask of a contract (`POST /contracts/{id}/<action>`); `expire` is the daily job's. */
export const CONTRACT_ACTIONS = ['submit', 'terminate'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

/** Statuses whose fields and lines may still change and which delete. */
export const CONTRACT_EDITABLE_STATUSES: readonly ContractStatus[] = ['draft'];

const FROM: Record<ContractAction, readonly ContractStatus[]> = {
  submit: ['draft'],
  terminate: ['active'],
};

/** The actions a contract in `status` allows now. */
export function allowedContractActions(status: ContractStatus): ContractAction[] {
  return CONTRACT_ACTIONS.filter((a) => FROM[a].includes(status));
}

/** File types attachments accept (checked by their first bytes, never by the name the client sends). */
export const ATTACHMENT_TYPES = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'doc'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
