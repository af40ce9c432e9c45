import type { FieldDef } from '@core/http/csv-export';
import type { LeadResponse } from './lead.dto';

/**
 * Lead columns for CSV export and import mapping, in both languages. Exports use the masked values
 * of the API response, so an export never shows more than the screen.
 */
export const LEAD_FIELDS: FieldDef<LeadResponse>[] = [
  { key: 'id', zh: '线索ID', en: 'ID' },
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['联系人', '客户姓名', 'full name', 'contact name'] },
  { key: 'company', zh: '公司', en: 'Company', aliases: ['公司名称', '单位', '企业名称', 'company name', 'organization'] },
  { key: 'title', zh: '职务', en: 'Title', aliases: ['职位', 'job title', 'position'] },
  { key: 'phone', zh: '手机', en: 'Phone', aliases: ['电话', '手机号', '手机号码', '联系电话', 'mobile', 'phone number', 'tel'], text: true },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['电子邮件', '邮件', 'e-mail', 'mail'] },
  { key: 'source', zh: '来源', en: 'Source', aliases: ['线索来源', 'lead source'], options: 'source' },
  { key: 'status', zh: '状态', en: 'Status', aliases: ['线索状态', 'lead status'], options: 'leadStatus' },
  { key: 'score', zh: '评分', en: 'Score' },
  { key: 'province', zh: '省份', en: 'Province', aliases: ['省', 'state', 'region'] },
  { key: 'city', zh: '城市', en: 'City', aliases: ['市'] },
  { key: 'notes', zh: '备注', en: 'Notes', aliases: ['说明', 'remark', 'remarks', 'description'] },
  { key: 'externalId', zh: '外部编号', en: 'External ID', aliases: ['外部ID', '编号', 'external id', 'ext id'], text: true },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
