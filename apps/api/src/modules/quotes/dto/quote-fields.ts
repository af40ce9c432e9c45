import type { FieldDef } from '@core/http/csv-export';
import type { QuoteSummaryResponse } from './quote.dto';

/** Quote columns of the CSV/XLSX export. */
export const QUOTE_FIELDS: FieldDef<QuoteSummaryResponse>[] = [
  { key: 'number', zh: '报价单号', en: 'Number', text: true },
  { key: 'revision', zh: '版本', en: 'Revision' },
  { key: 'name', zh: '报价标题', en: 'Title' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'accountName', zh: '客户', en: 'Account' },
  { key: 'contactName', zh: '联系人', en: 'Contact' },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'grandTotal', zh: '总金额', en: 'Grand total' },
  { key: 'validUntil', zh: '有效期至', en: 'Valid until' },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
