import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@core/config/app-config';
import { openDatabaseOrExit } from '@core/database/database';
import { FileStorageService } from '@core/files/storage/file-storage.service';
import { restoreBackup, RestoreRefused, writeBackup } from '@modules/backup/backup-archive';

/**
 * `pnpm db:backup [file]`: an archive of DATABASE_URL (or the embedded database) and the stored files.
 * `pnpm db:restore <file>`: restores one into an empty database (migrations to its version, data, sequences).
 */
async function main() {
  const [task, file] = process.argv.slice(2);
  const config = loadConfig();
  const db = await openDatabaseOrExit(config);
  const storage = new FileStorageService(config);
  try {
    if (task === 'backup') {
      const out = resolve(file || `keyuan-backup-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.tar.gz`);
      const m = await writeBackup(db.url, storage, createWriteStream(out));
      console.log(`Wrote ${out}: schema ${m.migrationName}, ${m.tables.length} tables (${m.tables.reduce((n, t) => n + t.rows, 0)} rows), ${m.files.length} files`);
    } else if (task === 'restore' && file) {
      const m = await restoreBackup(resolve(file), db.url, storage);
      console.log(`Restored ${file}: schema ${m.migrationName}, ${m.tables.length} tables, ${m.files.length} files. Run pnpm db:migrate to bring it to this version.`);
    } else {
      console.error('usage: backup [file] | restore <file>');
      process.exitCode = 2;
    }
  } catch (e) {
    if (e instanceof RestoreRefused) {
      console.error(`${e.code}: ${e.message}`);
      process.exitCode = 1;
    } else throw e;
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
