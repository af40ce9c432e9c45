import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { phone } from '../seed/random';
import { apiPath, bulk, cursorAtDepth, read, Scenario, ScenarioContext, write } from './types';

/** A value from the first row of a query (the role's scope already in `sql`), or a skip note. */
async function one<T>(ctx: ScenarioContext, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await ctx.db.query(sql, params)).rows[0] as T | undefined;
}

/** A lead phone in the role's scope, as people type it (national number, no +86). */
async function scopedPhone(ctx: ScenarioContext): Promise<string | undefined> {
  const row = await one<{ phone: string }>(
    ctx,
    `SELECT phone FROM leads WHERE ${ctx.scopeSql} AND deleted_at IS NULL AND phone IS NOT NULL ORDER BY created_at DESC LIMIT 1 OFFSET 500`,
  );
  return row?.phone.replace(/^\+86/, '');
}

const LEADS_FILTER = (ctx: ScenarioContext) => ({ status: 'new', ownerId: ctx.heavyRepId, sort: '-createdAt' });

/** Leads, accounts and contacts (issue 6): lists, deep pages, searches, a detail, create, convert, export, import. */
export const customerScenarios: Scenario[] = [
  read('leads: status+owner, -createdAt, first page', async (ctx) => [{ path: apiPath('/leads', { ...LEADS_FILTER(ctx), limit: 50 }) }]),
  read('leads: status+owner, -createdAt, 10,000 rows deep', async (ctx) => {
    const cursor = await cursorAtDepth(ctx, '/leads', LEADS_FILTER(ctx), 10_000);
    if (!cursor) return 'fewer than 10,050 matching leads';
    return [{ path: apiPath('/leads', { ...LEADS_FILTER(ctx), limit: 50, cursor }) }];
  }),
  read('leads: status only, -createdAt, first page', async () => [{ path: apiPath('/leads', { status: 'new', sort: '-createdAt', limit: 50 }) }]),
  read('leads: status only, -createdAt, 10,000 rows deep', async (ctx) => {
    const params = { status: 'new', sort: '-createdAt' };
    const cursor = await cursorAtDepth(ctx, '/leads', params, 10_000);
    if (!cursor) return 'fewer than 10,050 matching leads';
    return [{ path: apiPath('/leads', { ...params, limit: 50, cursor }) }];
  }),
  read('accounts: sorted by name, first page', async () => [{ path: apiPath('/accounts', { sort: 'name', limit: 50 }) }]),
  read('leads: q = full phone', async (ctx) => {
    const p = await scopedPhone(ctx);
    return p ? [{ path: apiPath('/leads', { q: p, limit: 50 }) }] : 'no lead with a phone in scope';
  }),
  read('leads: q = phone suffix (4 digits)', async (ctx) => {
    const p = await scopedPhone(ctx);
    return p ? [{ path: apiPath('/leads', { q: p.slice(-4), limit: 50 }) }] : 'no lead with a phone in scope';
  }),
  read('leads: q = company, 2 Chinese chars', async () => [{ path: apiPath('/leads', { q: '云启', limit: 50 }) }]),
  read('leads: q = company, 4 Chinese chars', async () => [{ path: apiPath('/leads', { q: '云启信息', limit: 50 }) }]),
  read('leads: q = English name', async () => [{ path: apiPath('/leads', { q: 'Emily Carter', limit: 50 }) }]),
  read('accounts: q = company, 2 Chinese chars', async () => [{ path: apiPath('/accounts', { q: '云启', limit: 50 }) }]),
  read('account detail + contacts (+ timeline)', async (ctx) => {
    const a = await one<{ id: string }>(
      ctx,
      `SELECT a.id FROM accounts a WHERE ${ctx.scopeSql.replace(/\b(owner_id|department_id)\b/g, 'a.$1')} AND a.deleted_at IS NULL
         AND (SELECT count(*) FROM contacts c WHERE c.account_id = a.id) >= 2 ORDER BY a.created_at DESC LIMIT 1`,
    );
    if (!a) return 'no account with contacts in scope';
    const reqs = [{ path: apiPath(`/accounts/${a.id}`) }, { path: apiPath('/contacts', { accountId: a.id, limit: 50 }) }];
    const timeline = await fetch(`${ctx.baseUrl}${apiPath(`/accounts/${a.id}/timeline`)}`, { headers: ctx.headers });
    if (timeline.ok) reqs.push({ path: apiPath(`/accounts/${a.id}/timeline`) });
    return reqs;
  }),
  write('create lead (dedupe check)', async (ctx) => [
    {
      method: 'POST',
      path: apiPath('/leads'),
      body: () => {
        const n = ctx.nextUnique();
        return { name: `压测线索 ${n}`, company: `杭州云启信息科技有限公司 ${n}`, phone: phone(n), email: `bench${n}@example.org`, source: 'web' };
      },
    },
  ]),
  write('convert lead', async (ctx) => {
    const { rows } = await ctx.db.query<{ id: string }>(
      `SELECT id FROM leads WHERE ${ctx.scopeSql} AND deleted_at IS NULL AND status IN ('new', 'contacted', 'qualified')
        ORDER BY md5(id::text || $1) LIMIT 20000`,
      [ctx.role], // a different order per role: the roles' scopes overlap, and a lead converts once
    );
    if (!rows.length) return 'no open lead in scope';
    let i = 0;
    return [{ method: 'POST', path: () => apiPath(`/leads/${rows[i++ % rows.length].id}/convert`), body: () => ({}) }];
  }),
  // the same export at 100,000 and 1,000,000 rows: streaming means the same peak memory for both
  bulk('export 100,000 leads (CSV)', (ctx) => exportLeads(ctx, 100_000), ['admin']),
  bulk('export 1,000,000 leads (CSV)', (ctx) => exportLeads(ctx, 1_000_000), ['admin']),
  bulk(
    'import 100,000 leads (CSV)',
    async (ctx) => {
      const rows = ['姓名,公司,手机,邮箱,来源'];
      for (let i = 0; i < 100_000; i++) {
        const n = ctx.nextUnique();
        rows.push(`导入线索${n},杭州云启信息科技有限公司,${phone(n)},import${n}@example.org,import`);
      }
      return runImport(ctx, Buffer.from(rows.join('\n') + '\n'), 'bench-leads.csv', false);
    },
    ['admin'],
  ),
  // a dry run validates every row (phones, e-mails, duplicates against 1M leads) and writes nothing
  bulk(
    'dry-run 100,000-row GBK CSV',
    async (ctx) => runImport(ctx, iconv.encode(importRows(ctx).map((r) => r.join(',')).join('\n') + '\n', 'gbk'), 'bench-gbk.csv', true),
    ['admin'],
  ),
  bulk(
    'dry-run 100,000-row XLSX',
    async (ctx) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('线索');
      for (const r of importRows(ctx)) ws.addRow(r);
      return runImport(ctx, Buffer.from(await wb.xlsx.writeBuffer()), 'bench.xlsx', true);
    },
    ['admin'],
  ),
];

/** Streams the newest `count` leads as CSV: time, first byte and the server's peak memory. */
async function exportLeads(ctx: ScenarioContext, count: number) {
  const probe = await fetch(`${ctx.baseUrl}${apiPath('/leads/export', { createdAtFrom: new Date().toISOString() })}`, { headers: ctx.headers });
  // without the route, `export` is taken for a lead id (400: uuid expected)
  if (probe.status === 404 || probe.status === 400) return 'GET /leads/export does not exist yet';
  await probe.arrayBuffer();
  // the creation time of the count-th newest lead: the export filter that yields `count` rows
  const from = await one<{ c: Date }>(ctx, `SELECT created_at AS c FROM leads WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT 1 OFFSET ${count - 1}`);
  if (!from) return `fewer than ${count.toLocaleString('en-US')} leads`;
  ctx.rss.window();
  const t0 = Date.now();
  const res = await fetch(`${ctx.baseUrl}${apiPath('/leads/export', { createdAtFrom: from.c.toISOString() })}`, { headers: ctx.headers });
  if (!res.ok || !res.body) return `export answered ${res.status}: ${(await res.text()).slice(0, 200)}`;
  let lines = 0;
  let firstByteMs = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!firstByteMs) firstByteMs = Date.now() - t0;
    for (const b of chunk) if (b === 10) lines++;
  }
  return { rows: lines - 1, ms: Date.now() - t0, peakRssMb: ctx.rss.peakMb, note: `first byte after ${firstByteMs} ms` };
}

/** A header and 100,000 new leads (unique phones and e-mails), as rows of cells. */
function importRows(ctx: ScenarioContext): string[][] {
  const rows = [['姓名', '公司', '手机', '邮箱', '来源']];
  for (let i = 0; i < 100_000; i++) {
    const n = ctx.nextUnique();
    rows.push([`导入线索${n}`, '杭州云启信息科技有限公司', phone(n), `import${n}@example.org`, 'import']);
  }
  return rows;
}

/**
 * Deletes what a bench import created (in SQL, after the measurement: the API's revert only soft-deletes, which
 * leaves 100,000 extra "杭州云启…" leads in the GIN indexes and statistics), so the data set stays as seeded.
 */
async function dropImported(ctx: ScenarioContext, id: string): Promise<string> {
  try {
    const t0 = Date.now();
    const ids = `SELECT entity_id FROM import_rows WHERE import_id = $1 AND entity_id IS NOT NULL`;
    await ctx.db.query(`DELETE FROM contact_points WHERE entity_type = 'lead' AND entity_id IN (${ids})`, [id]);
    const { rowCount } = await ctx.db.query(`DELETE FROM leads WHERE id IN (${ids})`, [id]);
    await ctx.db.query('VACUUM ANALYZE leads');
    return `, ${rowCount} imported leads deleted again in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  } catch (e) {
    return `, the imported leads were not deleted (${(e as Error).message})`;
  }
}

/** Uploads a file, starts the import (or dry run) and waits for its end: time and the server's peak memory. */
async function runImport(ctx: ScenarioContext, file: Buffer, name: string, dryRun: boolean) {
  const probe = await fetch(`${ctx.baseUrl}${apiPath('/imports')}`, { headers: ctx.headers });
  if (probe.status === 404) return 'the imports endpoints do not exist yet';
  await probe.arrayBuffer();
  const form = new FormData();
  form.append('entityType', 'lead');
  form.append('file', new Blob([new Uint8Array(file)]), name);
  ctx.rss.window();
  const t0 = Date.now();
  const up = await fetch(`${ctx.baseUrl}${apiPath('/imports')}`, { method: 'POST', headers: ctx.headers, body: form });
  if (!up.ok) return `upload answered ${up.status}: ${(await up.text()).slice(0, 200)}`;
  const { id } = (await up.json()) as { id: string };
  // with JOBS_ENABLED=false the run is inline: start answers when the import is done
  await ctx.api(apiPath(`/imports/${id}/start`), {
    method: 'POST',
    body: { mapping: { 姓名: 'name', 公司: 'company', 手机: 'phone', 邮箱: 'email', 来源: 'source' }, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun },
  });
  for (;;) {
    const imp = await ctx.api<{ status: string }>(apiPath(`/imports/${id}`));
    if (['completed', 'validated', 'failed'].includes(imp.status)) {
      const ms = Date.now() - t0;
      const peakRssMb = ctx.rss.peakMb;
      // what a real import created is deleted afterwards, so the data set stays as seeded for the next run
      // (100,000 new leads, all "杭州云启…", the newest of the table, changed the 2-character search plans)
      const dropped = dryRun ? '' : await dropImported(ctx, id);
      return { rows: 100_000, ms, peakRssMb, note: `status ${imp.status}${dropped}: ${JSON.stringify(imp).slice(0, 160)}` };
    }
    if (Date.now() - t0 > 600_000) return `still ${imp.status} after 10 min`;
    await new Promise((r) => setTimeout(r, 500));
  }
}
