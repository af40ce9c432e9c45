import type { FieldDef } from '@core/http/csv-export';
import type { ContractSummaryResponse } from './contract.dto';

/** Contract columns of the CSV/XLSX export. */
export const CONTRACT_FIELDS: FieldDef<ContractSummaryResponse>[] = [
  { key: 'number', zh: '合同编号', en: 'Number', text: true },
  { key: 'title', zh: '合同标题', en: 'Title' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'accountName', zh: '客户', en: 'Account' },
  { key: 'quoteNumber', zh: '报价单号', en: 'Quote', text: true },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'amount', zh: '合同金额', en: 'Amount' },
  { key: 'signDate', zh: '签订日期', en: 'Sign date' },
  { key: 'startDate', zh: '开始日期', en: 'Start date' },
  { key: 'endDate', zh: '结束日期', en: 'End date' },
  { key: 'customerSigner', zh: '客户签约人', en: 'Customer signer' },
  { key: 'ourSignerName', zh: '我方签约人', en: 'Our signer' },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
