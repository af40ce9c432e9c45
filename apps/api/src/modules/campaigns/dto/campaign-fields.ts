import type { FieldDef } from '@core/http/csv-export';
import type { CampaignResponse } from './campaign.dto';

/** Campaign columns for CSV / XLSX export, in both languages. */
export const CAMPAIGN_FIELDS: FieldDef<CampaignResponse>[] = [
  { key: 'id', zh: '活动ID', en: 'ID' },
  { key: 'name', zh: '活动名称', en: 'Name' },
  { key: 'type', zh: '类型', en: 'Type', options: 'campaignType' },
  { key: 'status', zh: '状态', en: 'Status', options: 'campaignStatus' },
  { key: 'startDate', zh: '开始日期', en: 'Start date' },
  { key: 'endDate', zh: '结束日期', en: 'End date' },
  { key: 'budget', zh: '预算', en: 'Budget', text: true },
  { key: 'actualCost', zh: '实际成本', en: 'Actual cost', text: true },
  { key: 'expectedRevenue', zh: '预期收入', en: 'Expected revenue', text: true },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'description', zh: '描述', en: 'Description' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
