import type { CustomFieldType } from '@keyuan/shared';
import type { DataSource } from 'typeorm';
import { customSortExpr, isCustomKey } from './custom-values';

/** Index name of a field: table and key are identifiers (the key checked by CUSTOM_FIELD_KEY), lower-cased and cut to 63 bytes. */
export function fieldIndexName(table: string, key: string, prefix?: string): string {
  return (prefix ? `${prefix}_${key}` : `ix_cf_${table}_${key}`).toLowerCase().slice(0, 63);
}

/** A shared table's kind (custom modules): its own index names and a partial-index condition (from validated ids only). */
export interface KindRows {
  prefix: string;
  where: string;
}

/**
 * The btree expression index of a filterable field, on the expression lists sort and range-filter by
 * (equality filters use the table's GIN index on `custom`). CREATE INDEX CONCURRENTLY cannot run in a
 * transaction: called after the definition committed, on a pooled connection, without blocking writes.
 */
export async function ensureFieldIndex(ds: DataSource, table: string, key: string, type: CustomFieldType, rows?: KindRows): Promise<void> {
  if (!isCustomKey(key) || !/^[a-z_]+$/.test(table) || type === 'multiSelect' || type === 'longText') return;
  if (rows && !/^[a-z0-9_]+$/.test(rows.prefix)) return;
  const name = fieldIndexName(table, key, rows?.prefix);
  // an index left INVALID by a failed concurrent build would be "existing": drop it first
  const [row]: { valid: boolean }[] = await ds.query(`SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`, [name]);
  if (row && row.valid) return;
  if (row) await ds.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
  const expr = customSortExpr(table, key).replace(`${table}.custom`, 'custom');
  await ds.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${table} ((${expr}), id) WHERE deleted_at IS NULL${rows ? ` AND ${rows.where}` : ''}`);
}

export async function dropFieldIndex(ds: DataSource, table: string, key: string, prefix?: string): Promise<void> {
  if (!isCustomKey(key) || !/^[a-z_]+$/.test(table) || (prefix && !/^[a-z0-9_]+$/.test(prefix))) return;
  await ds.query(`DROP INDEX CONCURRENTLY IF EXISTS ${fieldIndexName(table, key, prefix)}`);
}
