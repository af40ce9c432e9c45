import { CUSTOMER_SOURCES } from '@keyuan/shared';
import type { FilterOption } from '@/components/filter-bar';

/** Sources of leads and accounts (one list in libs/shared), labelled from `customers.source.<value>`. */
export const sourceOptions = (): FilterOption[] => CUSTOMER_SOURCES.map((s) => ({ value: s, labelKey: `customers.source.${s}` }));
