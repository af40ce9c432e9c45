import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalize, Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../http/domain-error';
import { FileErrorCode } from './files.errors';

/**
 * Streams one multipart part `file` to a temp file (never the whole file in memory), at most FILES_MAX_BYTES:
 * a larger file stops the upload with 413 FILE_TOO_LARGE (`params.maxBytes`) before the rest is read. The
 * temp file is deleted when the request ends, whatever the handler did with it. Put it on upload endpoints with
 * `@ApiConsumes('multipart/form-data')`; the handler gets the file from `req.file`.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const dest = join(tmpdir(), 'keyuan-uploads');
    mkdirSync(dest, { recursive: true });
    this.upload = multer({ storage: multer.diskStorage({ destination: dest }), limits: { fileSize: config.filesMaxBytes, files: 1, fields: 10 } }).single('file');
  }

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) =>
      this.upload(req, res, (err: unknown) => {
        if (!err) return resolve();
        const code = (err as { code?: string }).code;
        if (code === 'LIMIT_FILE_SIZE') {
          const max = this.config.filesMaxBytes;
          return reject(
            new DomainError(FileErrorCode.FILE_TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, `The file is larger than ${max} bytes`, undefined, undefined, { params: { maxBytes: max, maxMb: Math.round((max / 1048576) * 10) / 10 } }),
          );
        }
        if (code?.startsWith('LIMIT_')) {
          return reject(new DomainError(FileErrorCode.FILE_REQUIRED, HttpStatus.BAD_REQUEST, 'Send one file as the multipart part `file`', [{ field: 'file', message: (err as Error).message }]));
        }
        reject(new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, 'The multipart body could not be read', [{ field: 'file', message: (err as Error).message ?? 'unreadable' }]));
      }),
    );
    const path = (req as Request & { file?: { path?: string } }).file?.path;
    return path ? next.handle().pipe(finalize(() => void unlink(path).catch(() => undefined))) : next.handle();
  }
}
