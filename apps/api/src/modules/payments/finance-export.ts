import type { FieldDef } from '@core/http/csv-export';
import type { InvoiceResponse } from './dto/invoices.dto';
import type { PaymentResponse } from './dto/payments.dto';

/** Columns of the payments export (original amount and currency beside the base figures of the received date). */
export const PAYMENT_FIELDS: FieldDef<PaymentResponse>[] = [
  { key: 'receivedDate', zh: '到账日期', en: 'Received on' },
  { key: 'contractNumber', zh: '合同编号', en: 'Contract', text: true },
  { key: 'accountName', zh: '客户', en: 'Account' },
  { key: 'kind', zh: '类别', en: 'Kind' },
  { key: 'amount', zh: '金额', en: 'Amount' },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'baseAmount', zh: '本位币金额', en: 'Base amount' },
  { key: 'baseCurrency', zh: '本位币', en: 'Base currency' },
  { key: 'rate', zh: '汇率', en: 'Rate' },
  { key: 'rateDate', zh: '汇率日期', en: 'Rate date' },
  { key: 'method', zh: '方式', en: 'Method' },
  { key: 'referenceNumber', zh: '流水号', en: 'Reference', text: true },
  { key: 'payer', zh: '付款方', en: 'Payer' },
  { key: 'notes', zh: '备注', en: 'Notes' },
  { key: 'createdByName', zh: '登记人', en: 'Recorded by' },
];

/** Columns of the invoices export (a red-letter invoice names the one it reverses). */
export const INVOICE_FIELDS: FieldDef<InvoiceResponse>[] = [
  { key: 'number', zh: '发票号', en: 'Number', text: true },
  { key: 'kind', zh: '类别', en: 'Kind' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'type', zh: '发票类型', en: 'Type' },
  { key: 'contractNumber', zh: '合同编号', en: 'Contract', text: true },
  { key: 'buyerTitle', zh: '抬头', en: 'Buyer' },
  { key: 'buyerTaxNo', zh: '税号', en: 'Tax number', text: true },
  { key: 'amount', zh: '价税合计', en: 'Amount' },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'taxRate', zh: '税率%', en: 'Tax rate %' },
  { key: 'taxAmount', zh: '税额', en: 'Tax' },
  { key: 'netAmount', zh: '金额(不含税)', en: 'Net amount' },
  { key: 'baseAmount', zh: '本位币金额', en: 'Base amount' },
  { key: 'baseCurrency', zh: '本位币', en: 'Base currency' },
  { key: 'issueDate', zh: '开票日期', en: 'Issue date' },
  { key: 'linkedInvoiceNumber', zh: '关联发票', en: 'Linked invoice', text: true },
];
