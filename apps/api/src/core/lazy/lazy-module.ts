import { createRequire } from 'node:module';

const load = createRequire(__filename);

/**
 * A package required on first use instead of at boot: for libraries only some requests or some
 * configurations need (XLSX, PDF, S3, SMTP/IMAP). Each costs the idle server 10–30 MB of RSS and ~1 s of
 * start-up when required eagerly. `const excel = lazyModule<typeof import('exceljs')>('exceljs')`, then
 * `excel().stream…` where it is used; the type stays checked, only the loading moves.
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(id) as T);
}
