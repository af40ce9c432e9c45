import { ACCOUNT_LEVELS, ACCOUNT_SIZES, ACCOUNT_TYPES, LIFECYCLE_STAGES } from '@keyuan/shared';
import type { FilterOption } from '@/components/filter-bar';
import type { Account } from '../api';

export { ACCOUNT_LEVELS, ACCOUNT_SIZES, ACCOUNT_TYPES, LIFECYCLE_STAGES };

export const typeOptions = (): FilterOption[] => ACCOUNT_TYPES.map((v) => ({ value: v, labelKey: `accounts.type.${v}` }));
export const levelOptions = (): FilterOption[] => ACCOUNT_LEVELS.map((v) => ({ value: v, labelKey: `accounts.level.${v}` }));
export const stageOptions = (): FilterOption[] => LIFECYCLE_STAGES.map((v) => ({ value: v, labelKey: `accounts.stage.${v}` }));

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';
const STAGE_TAGS: Record<Account['lifecycleStage'], TagType> = { prospect: 'primary', active: 'success', at_risk: 'warning', churned: 'info' };
export const stageTagType = (stage: Account['lifecycleStage']): TagType => STAGE_TAGS[stage] ?? 'info';

/** The address in one line, biggest unit first (Chinese order). */
export const addressOf = (a: Pick<Account, 'province' | 'city' | 'district' | 'street'>) =>
  [a.province, a.city !== a.province ? a.city : null, a.district, a.street].filter(Boolean).join(' ');
