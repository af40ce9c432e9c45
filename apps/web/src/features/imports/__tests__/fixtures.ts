import type { ImportJob } from '@/features/imports/api';

export const fields = [
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'phone', zh: '手机', en: 'Phone' },
  { key: 'email', zh: '邮箱', en: 'Email' },
  { key: 'company', zh: '公司', en: 'Company' },
];

export const job = (over: Partial<ImportJob> = {}): ImportJob =>
  ({
    id: 'imp-1',
    entityType: 'lead',
    status: 'uploaded',
    fileFormat: 'csv',
    encoding: 'utf8',
    headers: ['姓名', '手机', '备注'],
    sampleRows: [['张三', '13800000001', 'x']],
    previewIssues: [],
    mapping: { 姓名: 'name', 手机: 'phone' },
    fields,
    duplicatePolicy: 'skip',
    upsertKey: 'phone',
    ownerId: null,
    fileName: 'leads.csv',
    fileSize: 100,
    dryRun: false,
    totalRows: 0,
    processedRows: 0,
    createdCount: 0,
    updatedCount: 0,
    skippedCount: 0,
    errorCount: 0,
    progress: 0,
    failure: null,
    startedAt: null,
    finishedAt: null,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  }) as ImportJob;
