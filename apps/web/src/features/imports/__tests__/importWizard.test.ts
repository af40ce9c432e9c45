import { describe, expect, it } from 'vitest';
import {
  afterUpload,
  blocking,
  canEnter,
  initialWizard,
  isSettled,
  mappingProblems,
  onJobUpdate,
  startBody,
  upsertKeys,
  withSettings,
  type WizardState,
} from '@/features/imports/composables/importWizard';
import { fields, job } from './fixtures';

describe('import wizard state machine', () => {
  it('goes to the mapping with every header prefilled from the suggestion (unknown ones ignored)', () => {
    const state = afterUpload(initialWizard(), job());
    expect(state.step).toBe('map');
    expect(state.mapping).toEqual({ 姓名: 'name', 手机: 'phone', 备注: '' });
    expect(mappingProblems(state, fields)).toEqual([]);
  });

  it('reports an empty mapping, a field mapped twice, a missing name and an unmapped upsert key', () => {
    const base = afterUpload(initialWizard(), job());
    expect(mappingProblems({ ...base, mapping: { 姓名: '', 手机: '' } }, fields)).toEqual([{ code: 'empty' }]);
    const twice = mappingProblems({ ...base, mapping: { 姓名: 'name', 手机: 'phone', 备注: 'phone' } }, fields);
    expect(twice).toEqual([{ code: 'duplicate', field: 'phone', columns: ['手机', '备注'] }]);
    const noKey = { ...base, mapping: { 姓名: 'name', 手机: '', 备注: '' } };
    expect(mappingProblems(noKey, fields)).toEqual([{ code: 'keyNotMapped', key: 'phone' }]);
    // "always create" needs no key
    expect(mappingProblems({ ...noKey, duplicatePolicy: 'create' }, fields)).toEqual([]);
    const noName = mappingProblems({ ...base, mapping: { 姓名: '', 手机: 'phone' } }, fields);
    expect(noName).toEqual([{ code: 'noName' }]);
    expect(blocking(noName)).toEqual([]); // rows fail, the run may still go
  });

  it('a contact may be matched on its mobile or work phone', () => {
    const contactFields = [...fields.filter((f) => f.key !== 'phone'), { key: 'mobile', zh: '手机', en: 'Mobile' }];
    const state = { ...initialWizard(), mapping: { 姓名: 'name', 手机: 'mobile' } };
    expect(mappingProblems(state, contactFields)).toEqual([]);
    expect(upsertKeys(contactFields)).toEqual(['phone', 'email']);
  });

  it("a custom module's records match by name only; built-in kinds never by name", () => {
    const moduleFields = [{ key: 'name', zh: '主题', en: 'Subject' }, { key: 'custom.score', zh: '评分', en: 'Score' }];
    expect(upsertKeys(moduleFields, 'obj.site_visit')).toEqual(['name']);
    expect(upsertKeys(fields, 'lead')).not.toContain('name');
    expect(upsertKeys([...moduleFields, { key: 'email', zh: '邮箱', en: 'Email' }], 'obj.site_visit')).toEqual(['name']);
  });

  it('sends only the mapped columns, with the dry-run flag when asked', () => {
    const state = withSettings(afterUpload(initialWizard(), job()), { duplicatePolicy: 'update', upsertKey: 'email' });
    expect(startBody(state, true)).toEqual({ mapping: { 姓名: 'name', 手机: 'phone' }, duplicatePolicy: 'update', upsertKey: 'email', dryRun: true });
    expect(startBody(state, false)).not.toHaveProperty('dryRun');
  });

  it('keeps a dry run apart and forgets it when the settings change', () => {
    let state = afterUpload(initialWizard(), job());
    state = { ...state, step: 'options' };
    state = onJobUpdate(state, job({ status: 'validating', dryRun: true, progress: 40 }));
    expect(state.dryRun).toBeNull();
    state = onJobUpdate(state, job({ status: 'validated', dryRun: true, progress: 100, createdCount: 8, errorCount: 2 }));
    expect(state.step).toBe('options');
    expect(state.dryRun).toMatchObject({ createdCount: 8, errorCount: 2 });
    expect(withSettings(state, { duplicatePolicy: 'create' }).dryRun).toBeNull();
  });

  it('moves from the run to the summary once the job completes or fails', () => {
    let state: WizardState = { ...afterUpload(initialWizard(), job()), step: 'run' };
    state = onJobUpdate(state, job({ status: 'running', progress: 50 }));
    expect(state.step).toBe('run');
    expect(state.job?.progress).toBe(50);
    state = onJobUpdate(state, job({ status: 'completed', progress: 100, createdCount: 3 }));
    expect(state.step).toBe('summary');
    const failed = onJobUpdate({ ...state, step: 'run' }, job({ status: 'failed', failure: 'boom' }));
    expect(failed.step).toBe('summary');
  });

  it('guards the steps: no going back while a job works, no run with a blocking problem', () => {
    const mapped = afterUpload(initialWizard(), job());
    expect(canEnter(mapped, 'options')).toBe(true);
    expect(canEnter(mapped, 'run')).toBe(true);
    expect(canEnter({ ...mapped, mapping: {} }, 'run')).toBe(false);
    const validating = { ...mapped, job: job({ status: 'validating', dryRun: true }) };
    expect(canEnter(validating, 'map')).toBe(false);
    expect(canEnter({ ...mapped, step: 'summary', job: job({ status: 'completed' }) }, 'map')).toBe(false);
    expect(isSettled('running')).toBe(false);
    expect(isSettled('reverted')).toBe(true);
  });
});
