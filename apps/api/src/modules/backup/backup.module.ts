import { Module } from '@nestjs/common';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';

/** Backup and restore (数据库管理): archives of every table and stored file; restore offline into an empty database. */
@Module({
  controllers: [BackupsController],
  providers: [BackupsService],
})
export class BackupModule {}
