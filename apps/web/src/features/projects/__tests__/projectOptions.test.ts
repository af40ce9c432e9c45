import { describe, expect, it } from 'vitest';
import { projectProgress } from '@keyuan/shared';
import { milestoneLate, progressStatus, statusTagType } from '../composables/projectOptions';

describe('project options', () => {
  it('colours each status', () => {
    expect(statusTagType('active')).toBe('primary');
    expect(statusTagType('completed')).toBe('success');
    expect(statusTagType('cancelled')).toBe('danger');
  });

  it('marks a milestone late only when not reached and due before today', () => {
    expect(milestoneLate({ done: false, dueDate: '2026-11-30' }, '2026-12-01')).toBe(true);
    expect(milestoneLate({ done: true, dueDate: '2026-11-30' }, '2026-12-01')).toBe(false);
    expect(milestoneLate({ done: false, dueDate: '2026-12-01' }, '2026-12-01')).toBe(false);
    expect(milestoneLate({ done: false, dueDate: null }, '2026-12-01')).toBe(false);
  });

  it('shows a complete bar in green; the percent is the shared rule', () => {
    expect(progressStatus(100)).toBe('success');
    expect(progressStatus(99)).toBeUndefined();
    expect(projectProgress(1, 3, 0, 0).percent).toBe(33);
    expect(projectProgress(0, 0, 1, 2).percent).toBe(50);
  });
});
