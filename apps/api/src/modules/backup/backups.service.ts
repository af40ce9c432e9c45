import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DATABASE_URL } from '@core/database/tokens';
import { FileStorageService } from '@core/files/storage/file-storage.service';
import { notFound } from '@core/http/domain-error';
import { JobsService } from '@core/jobs/jobs.service';
import { writeBackup } from './backup-archive';
import type { BackupResponse } from './dto/backup.dto';

export const BACKUP_NIGHTLY_JOB = 'backup.nightly';
const NAME = /^keyuan-(\d{8}T\d{6}Z)(-[a-z0-9]+)?\.tar\.gz$/;

/**
 * Backup archives in BACKUP_DIR: made on request by admins or nightly (02:30, keeping BACKUP_KEEP), listed
 * and downloaded by admins. Restoring is offline (`pnpm db:restore`), into an empty database.
 */
@Injectable()
export class BackupsService implements OnModuleInit {
  private readonly logger = new Logger('Backups');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly storage: FileStorageService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    if (this.config.backupKeep > 0) {
      this.jobs.register(BACKUP_NIGHTLY_JOB, async () => {
        await this.create();
        await this.prune(this.config.backupKeep);
      }, '30 2 * * *');
    }
  }

  /** Writes a new archive (to `<name>.part`, renamed when complete). */
  async create(): Promise<BackupResponse> {
    await mkdir(this.config.backupDir, { recursive: true });
    const name = `keyuan-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${Math.random().toString(36).slice(2, 6)}.tar.gz`;
    const path = join(this.config.backupDir, name);
    try {
      const manifest = await writeBackup(this.databaseUrl, this.storage, createWriteStream(`${path}.part`));
      await rename(`${path}.part`, path);
      this.logger.log(`backup ${name}: ${manifest.tables.length} tables, ${manifest.files.length} files`);
    } catch (e) {
      await unlink(`${path}.part`).catch(() => undefined);
      throw e;
    }
    return this.describe(name);
  }

  async list(): Promise<BackupResponse[]> {
    const names = (await readdir(this.config.backupDir).catch(() => [] as string[])).filter((n) => NAME.test(n));
    const all = await Promise.all(names.map((n) => this.describe(n)));
    return all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
  }

  /** The archive's bytes; 404 for any name that is not one of ours. */
  async open(name: string): Promise<{ body: Readable; size: number }> {
    if (!NAME.test(name)) throw notFound('backup');
    const path = join(this.config.backupDir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw notFound('backup');
    return { body: createReadStream(path), size: info.size };
  }

  /** Deletes all but the newest `keep` archives; answers how many it deleted. */
  async prune(keep: number): Promise<number> {
    const old = (await this.list()).slice(keep);
    for (const b of old) await unlink(join(this.config.backupDir, b.name)).catch(() => undefined);
    return old.length;
  }

  private async describe(name: string): Promise<BackupResponse> {
    const info = await stat(join(this.config.backupDir, name));
    return { name, sizeBytes: info.size, createdAt: info.mtime };
  }
}
