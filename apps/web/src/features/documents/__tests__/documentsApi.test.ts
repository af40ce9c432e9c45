import { describe, expect, it } from 'vitest';
import { formatSize, previewable } from '../api';

describe('documents helpers', () => {
  it.each([
    [null, '—'],
    [512, '512 B'],
    [2048, '2.0 KB'],
    [3 * 1048576, '3.0 MB'],
  ])('formats %s bytes', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('previews images and PDF only', () => {
    expect(['pdf', 'png', 'jpeg', 'docx', 'xlsx', null].map((fileType) => previewable({ fileType }))).toEqual([true, true, true, false, false, false]);
  });
});
