import type { FieldDef } from '@core/http/csv-export';
import type { OpportunityResponse } from './opportunity.dto';

/** Opportunity columns for CSV / XLSX export, in both languages. */
export const OPPORTUNITY_FIELDS: FieldDef<OpportunityResponse>[] = [
  { key: 'id', zh: '商机ID', en: 'ID' },
  { key: 'name', zh: '商机名称', en: 'Name' },
  { key: 'accountName', zh: '客户', en: 'Account' },
  { key: 'contactName', zh: '联系人', en: 'Contact' },
  { key: 'stage', zh: '阶段', en: 'Stage', value: (o) => `${o.stageNameZh ?? ''} / ${o.stageNameEn ?? ''}` },
  { key: 'amount', zh: '金额', en: 'Amount', text: true },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'probability', zh: '赢率(%)', en: 'Probability (%)' },
  { key: 'weightedAmount', zh: '加权金额', en: 'Weighted amount', text: true },
  { key: 'expectedCloseDate', zh: '预计成交日期', en: 'Expected close date' },
  { key: 'source', zh: '来源', en: 'Source', options: 'source' },
  { key: 'competitors', zh: '竞争对手', en: 'Competitors' },
  { key: 'nextStep', zh: '下一步', en: 'Next step' },
  { key: 'lostReason', zh: '输单原因', en: 'Lost reason' },
  { key: 'campaignName', zh: '市场活动', en: 'Campaign' },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'wonAt', zh: '赢单时间', en: 'Won at' },
  { key: 'lostAt', zh: '输单时间', en: 'Lost at' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
