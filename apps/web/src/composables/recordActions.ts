import type { components } from '@keyuan/sdk';

/** What the user may do with a record now, as the API computed it (grants, scope, pools, the record's state). */
export type RecordAction = components['schemas']['LeadResponse']['actions'][number];

/**
 * Whether the record allows `action` for the signed-in user. Pages ask this instead of guessing from
 * permissions and fields, so a released, claimed, assigned or converted record shows exactly the
 * buttons that can succeed.
 */
export const allows = (record: { actions?: readonly string[] } | null | undefined, action: RecordAction): boolean =>
  !!record?.actions?.includes(action);
