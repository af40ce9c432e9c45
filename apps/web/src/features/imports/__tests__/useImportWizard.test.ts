import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, watch } from 'vue';
import { useImportWizard } from '@/features/imports/composables/useImportWizard';
import { json, mockNetwork, problem } from '@/test/http';
import { job } from './fixtures';

describe('useImportWizard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uploads, dry-runs, runs while polling the progress, and lands on the summary', async () => {
    const polls = [
      job({ status: 'running', progress: 30, processedRows: 3, totalRows: 10 }),
      job({ status: 'running', progress: 80, processedRows: 8, totalRows: 10 }),
      job({ status: 'completed', progress: 100, processedRows: 10, totalRows: 10, createdCount: 9, errorCount: 1 }),
    ];
    let dry = false;
    const { requests } = mockNetwork(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/imports' && request.method === 'POST') return json(job(), 201);
      if (url.pathname === '/api/v1/imports/imp-1/start') {
        dry = (await request.json()).dryRun === true;
        return json(job(dry ? { status: 'validating', dryRun: true } : { status: 'queued' }), 202);
      }
      if (url.pathname === '/api/v1/imports/imp-1') {
        return json(dry ? job({ status: 'validated', dryRun: true, progress: 100, createdCount: 9, errorCount: 1, totalRows: 10 }) : polls.shift());
      }
      return problem(404, 'Not Found');
    });
    const scope = effectScope();
    const wizard = scope.run(() => useImportWizard(5))!;
    const progress: number[] = [];

    wizard.set({ file: new File(['姓名,手机\n张三,13800000001\n'], 'leads.csv', { type: 'text/csv' }), entityType: 'lead', encoding: 'gbk' });
    await wizard.upload();
    expect(wizard.state.value.step).toBe('map');
    const upload = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/imports')!;
    expect(upload.body).toContain('name="entityType"');
    expect(upload.body).toContain('gbk');
    expect(upload.body).toMatch(/filename="leads.csv"|name="file"/);

    wizard.goTo('options');
    await wizard.dryRun();
    expect(wizard.state.value.dryRun).toMatchObject({ status: 'validated', createdCount: 9, errorCount: 1 });
    expect(wizard.state.value.step).toBe('options');

    // every progress the page would show
    const stop = scope.run(() => watch(() => wizard.state.value.job?.progress, (p) => p !== undefined && progress.push(p)));
    await wizard.run();
    stop?.();
    expect(wizard.error.value).toBeNull();
    expect(wizard.state.value.step).toBe('summary');
    expect(wizard.state.value.job).toMatchObject({ status: 'completed', createdCount: 9, progress: 100 });
    expect(progress).toEqual([0, 30, 80, 100]);
    const starts = requests.filter((r) => r.path === '/api/v1/imports/imp-1/start').map((r) => JSON.parse(r.body));
    expect(starts).toEqual([
      { mapping: { 姓名: 'name', 手机: 'phone' }, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun: true },
      { mapping: { 姓名: 'name', 手机: 'phone' }, duplicatePolicy: 'skip', upsertKey: 'phone' },
    ]);
    scope.stop();
  });

  it('stays on the options with the server\'s reason when the start is refused', async () => {
    mockNetwork(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/imports' && request.method === 'POST') return json(job(), 201);
      return problem(400, 'Bad Request', { detail: 'No column is mapped to the upsert key phone' });
    });
    const scope = effectScope();
    const wizard = scope.run(() => useImportWizard(5))!;
    wizard.set({ file: new File(['a'], 'x.csv') });
    await wizard.upload();
    wizard.goTo('options');
    await wizard.run();
    expect(wizard.state.value.step).toBe('options');
    expect(wizard.error.value).toContain('upsert key');
    scope.stop();
  });
});
