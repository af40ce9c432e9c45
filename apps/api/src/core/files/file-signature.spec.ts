import { detectFileType } from './file-signature';

const zip = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), ...names.map((n) => Buffer.from(`\0\0${n}\0`, 'latin1'))]);

describe('detectFileType', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'jpeg'],
    ['doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'doc'],
    ['docx', zip('[Content_Types].xml', '_rels/.rels', 'word/document.xml'), 'docx'],
    ['xlsx', zip('[Content_Types].xml', 'xl/workbook.xml'), 'xlsx'],
  ])('recognises %s by its first bytes', (_name, bytes, type) => {
    expect(detectFileType(bytes)?.type).toBe(type);
  });

  it.each([
    ['an executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1')],
    ['a script named .pdf', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['HTML', Buffer.from('<html><script>alert(1)</script></html>')],
    ['a plain ZIP', zip('evil.exe')],
    ['an OOXML package of another kind', zip('[Content_Types].xml', 'ppt/presentation.xml')],
    ['nothing', Buffer.alloc(0)],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e])],
  ])('refuses %s', (_name, bytes) => {
    expect(detectFileType(bytes)).toBeNull();
  });
});
