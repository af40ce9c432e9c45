import type { FieldDef } from '@core/http/csv-export';
import type { ProjectSummaryResponse } from './project.dto';

/** Project columns of the CSV/XLSX export. */
export const PROJECT_FIELDS: FieldDef<ProjectSummaryResponse>[] = [
  { key: 'number', zh: '项目编号', en: 'Number', text: true },
  { key: 'name', zh: '项目名称', en: 'Name' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'accountName', zh: '客户', en: 'Account' },
  { key: 'contractName', zh: '合同', en: 'Contract' },
  { key: 'startDate', zh: '开始日期', en: 'Start date' },
  { key: 'endDate', zh: '结束日期', en: 'End date' },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'progress', zh: '进度 %', en: 'Progress %', value: (p) => p.progress.percent },
  { key: 'members', zh: '成员', en: 'Members', value: (p) => p.members.map((u) => u.name ?? '').join(', ') },
  { key: 'createdAt', zh: '创建时间', en: 'Created at' },
];
