import type { AttachmentType } from '@keyuan/shared';

/** A file type attachments accept, as recognised by its first bytes. */
export interface DetectedType {
  type: AttachmentType;
  contentType: string;
  extension: string;
}

const PDF = { type: 'pdf', contentType: 'application/pdf', extension: 'pdf' } as const;
const PNG = { type: 'png', contentType: 'image/png', extension: 'png' } as const;
const JPEG = { type: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' } as const;
const DOCX = { type: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' } as const;
const XLSX = { type: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' } as const;
const DOC = { type: 'doc', contentType: 'application/msword', extension: 'doc' } as const;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/**
 * The type of a file from its magic bytes, never from the name or the Content-Type the client sends; null
 * when it is none of the accepted ones. An allow-list, not a general detector:
 * - PDF `%PDF-`, PNG `89 50 4E 47 0D 0A 1A 0A`, JPEG `FF D8 FF`;
 * - DOCX / XLSX: a ZIP (`PK 03 04`) whose entries include `word/` or `xl/` (an OOXML package; any other ZIP is refused);
 * - DOC: the OLE2 compound file header `D0 CF 11 E0 A1 B1 1A E1` (legacy Word; legacy Excel shares it and is accepted as such).
 */
export function detectFileType(b: Buffer): DetectedType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF;
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return DOC;
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    // entry names sit in the local headers and in the central directory, both as plain bytes
    if (!b.includes('[Content_Types].xml', 0, 'latin1')) return null;
    if (b.includes('word/', 0, 'latin1')) return DOCX;
    if (b.includes('xl/', 0, 'latin1')) return XLSX;
  }
  return null;
}

/** Every Content-Type a download may answer with (OpenAPI documents each). */
export const ATTACHMENT_CONTENT_TYPES = [PDF, PNG, JPEG, DOCX, XLSX, DOC].map((t) => t.contentType);
