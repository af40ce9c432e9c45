import type { FieldDef } from '@core/http/csv-export';
import type { AccountResponse } from './account.dto';

/** Account columns for CSV export and import mapping, in both languages (values masked like the screen). */
export const ACCOUNT_FIELDS: FieldDef<AccountResponse>[] = [
  { key: 'id', zh: '客户ID', en: 'ID' },
  { key: 'name', zh: '客户名称', en: 'Name', aliases: ['公司名称', '公司', '名称', '企业名称', 'company', 'account name', 'company name'] },
  { key: 'type', zh: '客户类型', en: 'Type', aliases: ['类型'], options: 'accountType' },
  { key: 'industry', zh: '行业', en: 'Industry', aliases: ['所属行业'] },
  { key: 'size', zh: '规模', en: 'Size', aliases: ['人员规模', 'employees'] },
  { key: 'source', zh: '来源', en: 'Source', aliases: ['客户来源'], options: 'source' },
  { key: 'level', zh: '客户等级', en: 'Level', aliases: ['等级', 'grade'] },
  { key: 'lifecycleStage', zh: '生命周期', en: 'Lifecycle stage', aliases: ['阶段', 'stage'], options: 'lifecycleStage' },
  { key: 'phone', zh: '电话', en: 'Phone', aliases: ['联系电话', '手机', '公司电话', 'tel', 'telephone'], text: true },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['电子邮件', 'e-mail'] },
  { key: 'website', zh: '网址', en: 'Website', aliases: ['官网', 'url', 'web'] },
  { key: 'province', zh: '省份', en: 'Province', aliases: ['省', 'state'] },
  { key: 'city', zh: '城市', en: 'City', aliases: ['市'] },
  { key: 'district', zh: '区县', en: 'District', aliases: ['区'] },
  { key: 'street', zh: '详细地址', en: 'Street', aliases: ['地址', 'address'] },
  { key: 'tags', zh: '标签', en: 'Tags' },
  { key: 'externalId', zh: '外部编号', en: 'External ID', aliases: ['外部ID', '编号', 'external id'], text: true },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'lastActivityAt', zh: '最近跟进', en: 'Last activity' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
