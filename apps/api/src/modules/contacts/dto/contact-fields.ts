import type { FieldDef } from '@core/http/csv-export';
import type { ContactResponse } from './contact.dto';

/** Contact columns for CSV export and import mapping, in both languages (values masked like the screen). */
export const CONTACT_FIELDS: FieldDef<ContactResponse>[] = [
  { key: 'id', zh: '联系人ID', en: 'ID' },
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['联系人', '联系人姓名', 'full name', 'contact name'] },
  { key: 'accountName', zh: '客户名称', en: 'Account', aliases: ['公司', '公司名称', 'company', 'account name'] },
  { key: 'accountId', zh: '客户ID', en: 'Account ID', aliases: ['account id'] },
  { key: 'title', zh: '职务', en: 'Title', aliases: ['职位', 'job title', 'position'] },
  { key: 'mobile', zh: '手机', en: 'Mobile', aliases: ['手机号', '手机号码', '电话', 'phone', 'mobile phone', 'cell'], text: true },
  { key: 'workPhone', zh: '工作电话', en: 'Work phone', aliases: ['座机', '办公电话', 'office phone', 'work tel'], text: true },
  { key: 'email', zh: '邮箱', en: 'Email', aliases: ['电子邮件', 'e-mail'] },
  { key: 'wechat', zh: '微信', en: 'WeChat', aliases: ['微信号', 'weixin'] },
  { key: 'birthday', zh: '生日', en: 'Birthday', aliases: ['出生日期', 'date of birth'] },
  { key: 'gender', zh: '性别', en: 'Gender', aliases: ['sex'], options: 'gender' },
  { key: 'isPrimary', zh: '首要联系人', en: 'Primary', aliases: ['主要联系人'] },
  { key: 'doNotCall', zh: '拒绝电话', en: 'Do not call' },
  { key: 'doNotEmail', zh: '拒绝邮件', en: 'Do not email' },
  { key: 'doNotSms', zh: '拒绝短信', en: 'Do not SMS' },
  { key: 'notes', zh: '备注', en: 'Notes', aliases: ['说明', 'remark'] },
  { key: 'externalId', zh: '外部编号', en: 'External ID', aliases: ['外部ID', '编号', 'external id'], text: true },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
