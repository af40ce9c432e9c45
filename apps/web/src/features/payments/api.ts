import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type ContractFinance = Ok<'/api/v1/contracts/{id}/finance', 'get'>;
export type Receivable = ContractFinance['receivable'];
export type Installment = ContractFinance['installments'][number];
export type Payment = Ok<'/api/v1/payments', 'get'>['data'][number];
export type Invoice = Ok<'/api/v1/invoices', 'get'>['data'][number];
export type ReceivablePage = Ok<'/api/v1/receivables', 'get'>;
export type ReceivablesSummary = ReceivablePage['summary'];
export type InvoiceTitle = Ok<'/api/v1/accounts/{id}/invoice-title', 'get'>;
export type CreatePaymentBody = Body<'/api/v1/payments', 'post'>;
export type CreateInvoiceBody = Body<'/api/v1/invoices', 'post'>;
export type CreatePlanBody = Body<'/api/v1/contracts/{id}/payment-plans', 'post'>;
export type InvoiceAction = 'issue' | 'void' | 'red-letter';

export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'alipay', 'wechat_pay', 'cheque', 'other'] as const;
export const INVOICE_TYPES = ['vat_special', 'vat_general', 'e_invoice', 'receipt'] as const;
export const INVOICE_STATUSES = ['requested', 'issued', 'void', 'red_letter'] as const;
export const INVOICE_TAX_RATES = ['13', '9', '6', '3', '1', '0'] as const;
export const INSTALLMENT_STATUSES = ['pending', 'partially_paid', 'paid', 'overdue'] as const;

const byId = (id: string) => ({ params: { path: { id } } });

export const paymentsApi = {
  finance: (contractId: string) => unwrap(api.GET('/api/v1/contracts/{id}/finance', byId(contractId))),
  setPlan: (contractId: string, body: CreatePlanBody) => unwrap(api.POST('/api/v1/contracts/{id}/payment-plans', { ...byId(contractId), body })),
  installments: (query: ListQuery & Record<string, unknown>) =>
    unwrap(api.GET('/api/v1/payment-plans', { params: { query: query as never } })) as Promise<ListPage<Installment>>,
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/payments', { params: { query: query as never } })) as Promise<ListPage<Payment>>,
  record: (body: CreatePaymentBody) => unwrap(api.POST('/api/v1/payments', { body })),
  reverse: (id: string, reason?: string) => unwrap(api.POST('/api/v1/payments/{id}/reverse', { ...byId(id), body: { reason } })),
  invoices: (query: ListQuery) => unwrap(api.GET('/api/v1/invoices', { params: { query: query as never } })) as Promise<ListPage<Invoice>>,
  requestInvoice: (body: CreateInvoiceBody) => unwrap(api.POST('/api/v1/invoices', { body })),
  invoiceAction: (id: string, action: InvoiceAction) =>
    action === 'issue'
      ? unwrap(api.POST('/api/v1/invoices/{id}/issue', { ...byId(id), body: {} }))
      : action === 'void'
        ? unwrap(api.POST('/api/v1/invoices/{id}/void', { ...byId(id), body: {} }))
        : unwrap(api.POST('/api/v1/invoices/{id}/red-letter', { ...byId(id), body: {} })),
  invoiceTitle: (accountId: string) => unwrap(api.GET('/api/v1/accounts/{id}/invoice-title', byId(accountId))),
  receivables: (query: ListQuery & { only?: 'overdue' | 'open' }) =>
    unwrap(api.GET('/api/v1/receivables', { params: { query: query as never } })) as Promise<ReceivablePage>,
};
