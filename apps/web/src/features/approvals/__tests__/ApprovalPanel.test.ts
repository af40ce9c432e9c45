import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import ApprovalPanel from '@/features/approvals/components/ApprovalPanel.vue';
import { json, mockNetwork } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';

const pending = {
  id: 'a-1',
  flowName: '撞单审批',
  kind: 'lead',
  trigger: 'duplicate_override',
  recordId: 'l-1',
  recordName: '华东客户',
  status: 'pending',
  currentStep: 0,
  stepCount: 1,
  submitterId: 'u-rep',
  submitterName: '李雷 Li Lei',
  canAct: true,
  decidedAt: null,
  createdAt: '2026-11-30T01:00:00.000Z',
  record: { name: '华东客户' },
  steps: [{ index: 0, name: null, mode: 'any', status: 'pending', tasks: [{ id: 't', userId: 'u-m', userName: '王芳', status: 'pending', actedById: null, actedByName: null, actedAt: null }] }],
  history: [{ id: 'e', action: 'submit', step: null, actorId: 'u-rep', actorName: '李雷 Li Lei', onBehalfOfId: null, onBehalfOfName: null, targetId: null, targetName: null, comment: null, createdAt: '2026-11-30T01:00:00.000Z' }],
};

const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);
async function settle() {
  for (let i = 0; i < 4; i++) {
    await flush();
    await nextTick();
  }
}

describe('ApprovalPanel', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it("shows a record's pending approval; reject needs a comment, then sends it", async () => {
    const { requests } = mockNetwork((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/approvals/records/lead/l-1') return json({ approval: pending });
      if (url.pathname === '/api/v1/approvals/a-1/reject') return json({ ...pending, status: 'rejected', canAct: false });
      if (url.pathname === '/api/v1/approvals/counts') return json({ pending: 0 });
      if (url.pathname === '/api/v1/users/directory') return json([]);
      return json({}, 404);
    });
    const changed: unknown[] = [];
    mountWithApp(ApprovalPanel as never, { props: { kind: 'lead', recordId: 'l-1', onChanged: (a: unknown) => changed.push(a) } } as never);
    await settle();
    expect($('[data-testid="approval-status"]')?.textContent).toContain('Pending');
    expect($('[data-testid="approval-history"]')?.textContent).toContain('submitted for approval');

    $('[data-testid="approval-reject"]')!.click();
    await settle();
    expect(document.body.textContent).toContain('Say why you reject it');
    expect(requests.some((r) => r.path.endsWith('/reject'))).toBe(false);

    const textarea = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="approval-comment"]')!;
    textarea.value = '已有人跟进';
    textarea.dispatchEvent(new Event('input'));
    await settle();
    $('[data-testid="approval-reject"]')!.click();
    await settle();
    const sent = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/approvals/a-1/reject');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ comment: '已有人跟进' });
    expect(changed).toHaveLength(1);
    expect($('[data-testid="approval-status"]')?.textContent).toContain('Rejected');
    expect($('[data-testid="approval-approve"]')).toBeNull();
  });

  it('shows nothing for a record without an approval', async () => {
    mockNetwork(() => json({ approval: null }));
    mountWithApp(ApprovalPanel as never, { props: { kind: 'lead', recordId: 'l-2' } } as never);
    await settle();
    expect($('[data-testid="approval-panel"]')).toBeNull();
  });
});
