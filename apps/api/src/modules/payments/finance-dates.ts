import { Transform } from 'class-transformer';
import { currentTimeZone } from '@core/context/request-context';
import { businessDate } from './finance-ledger';

/** An ISO instant (what the SPA's export sends for a day range) becomes its business date; a plain date stays. */
export const BusinessDate = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
      ? businessDate(new Date(value), currentTimeZone())
      : value,
  );
