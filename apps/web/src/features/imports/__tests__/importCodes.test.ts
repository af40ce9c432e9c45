import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/app/i18n';
import ImportMappingStep from '@/features/imports/components/ImportMappingStep.vue';
import { canDeleteImport, describeImportError } from '@/features/imports/composables/importCodes';
import { useImportWizard } from '@/features/imports/composables/useImportWizard';
import { ApiError } from '@/api/client';
import { json, mockNetwork, problem } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';
import { effectScope } from 'vue';
import { job } from './fixtures';

const setLocale = (locale: string) => ((i18n.global.locale as unknown as { value: string }).value = locale);
const apiError = (code: string, detail: string) => new ApiError({ type: 'about:blank', title: 'Bad Request', status: 400, code, detail } as never);

describe('import codes', () => {
  afterEach(() => {
    setLocale('en-US');
    vi.unstubAllGlobals();
  });

  it('words the import codes in both locales and leaves other problems to their detail', () => {
    const wide = apiError('IMPORT_TOO_MANY_COLUMNS', 'The header row has more than 200 columns');
    expect(describeImportError(wide)).toBe('the file has more than 200 columns');
    setLocale('zh-CN');
    expect(describeImportError(wide)).toBe('文件超过 200 列');
    expect(describeImportError(apiError('IMPORT_FILE_UNREADABLE', 'invalid CSV at line 3'))).toBe('无法读取该文件。');
    expect(describeImportError(apiError('SOMETHING_ELSE', 'invalid CSV at line 3'))).toBe('invalid CSV at line 3');
  });

  it.each([
    ['the uploader', { ownerId: 'u1', status: 'completed' }, 'u1', false, true],
    ['an admin', { ownerId: 'u1', status: 'failed' }, 'u2', true, true],
    ['another reader', { ownerId: 'u1', status: 'completed' }, 'u2', false, false],
    ['nobody while it runs', { ownerId: 'u1', status: 'running' }, 'u1', true, false],
    ['nobody for an orphan without the permission', { ownerId: null, status: 'uploaded' }, undefined, false, false],
  ] as const)('lets %s delete', (_who, j, userId, mayDeleteAny, expected) => {
    expect(canDeleteImport(j, userId, mayDeleteAny)).toBe(expected);
  });

  it('shows the preview rows that will fail, with the reason in the user\'s language', async () => {
    const props = {
      job: job({ previewIssues: [{ row: 3, code: 'IMPORT_CELL_TOO_LONG', column: '备注' }] }),
      mapping: { 姓名: 'name' },
      problems: [],
    };
    const wrapper = mountWithApp(ImportMappingStep as never, { props } as never);
    await flush();
    expect(wrapper.find('[data-testid="preview-issue"]').text()).toBe('Row 3 will fail: a cell is longer than 5,000 characters');
  }, 30_000); // the first mount compiles Element Plus's table: seconds on a loaded machine

  it('deletes the current import and starts over', async () => {
    const { requests } = mockNetwork(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/imports' && request.method === 'POST') return json(job(), 201);
      if (url.pathname === '/api/v1/imports/imp-1' && request.method === 'DELETE') return new Response(null, { status: 204 });
      return problem(404, 'Not Found');
    });
    const scope = effectScope();
    const wizard = scope.run(() => useImportWizard(5))!;
    wizard.set({ file: new File(['a'], 'x.csv') });
    await wizard.upload();
    await wizard.remove();
    expect(requests.some((r) => r.method === 'DELETE' && r.path === '/api/v1/imports/imp-1')).toBe(true);
    expect(wizard.error.value).toBeNull();
    expect(wizard.state.value).toMatchObject({ step: 'upload', job: null });
    scope.stop();
  });
});
