import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_TYPES } from '@keyuan/shared';

export class UploadAttachmentDto {
  /** The file (pdf, png, jpeg, docx, xlsx or doc, recognised by its first bytes; at most FILES_MAX_BYTES, default 20 MB). */
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** The name the file was uploaded with (folders removed). @example 购销合同-盖章版.pdf */
  fileName: string;
  @ApiProperty({ enum: ATTACHMENT_TYPES, example: 'pdf', description: 'What the first bytes are.' })
  fileType: string;
  /** @example application/pdf */
  contentType: string;
  /** @example 183204 */
  sizeBytes: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  uploadedById: string | null;
  /** @example 李雷 Li Lei */
  uploadedByName: string | null;
  createdAt: Date;
}

export class AttachmentListResponse {
  /** Newest first. */
  @ApiProperty({ type: [AttachmentResponse] })
  data: AttachmentResponse[];
}
