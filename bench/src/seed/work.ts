import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CustomerIds, Sizes } from './customers';
import { SEED_NOW } from './customers';
import type { Org } from './org';
import { Rng } from './random';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The record an activity or task is about, and who works on it. */
interface Row {
  r: Rng;
  kind: 'lead' | 'account' | 'contact';
  leadId: string | null;
  accountId: string | null;
  contactId: string | null;
  ownerId: string;
  deptId: string | null;
  at: number;
}

type Gen = (x: Row) => string | number | boolean | null;

const SUBJECTS = ['电话沟通需求', '上门拜访', '发送报价', '产品演示', 'Follow-up call', 'Demo scheduled', '确认合同条款', '微信跟进', 'Sent brochure', '售后回访'];
const BODIES = ['客户对价格敏感，下周再联系。', '已发送产品资料，等待反馈。', 'Customer asked for a trial licence.', '约好周四下午见面。', '需要技术团队配合演示。', null];

/**
 * Values by column name, for the activities and tasks tables of their modules. Columns are found
 * through information_schema, so the generator follows those modules' migrations; a NOT NULL column
 * without a default and without a generator here skips the table with a message (add it below).
 */
const COMMON: Record<string, Gen> = {
  id: (x) => x.r.uuid(),
  created_at: (x) => iso(x.at),
  updated_at: (x) => iso(x.at),
  version: () => 1,
  owner_id: (x) => x.ownerId,
  user_id: (x) => x.ownerId,
  created_by_id: (x) => x.ownerId,
  author_id: (x) => x.ownerId,
  assignee_id: (x) => x.ownerId,
  department_id: (x) => x.deptId,
  lead_id: (x) => x.leadId,
  account_id: (x) => x.accountId,
  contact_id: (x) => x.contactId,
  entity_type: (x) => x.kind,
  related_type: (x) => x.kind,
  entity_id: (x) => x.leadId ?? x.contactId ?? x.accountId,
  related_id: (x) => x.leadId ?? x.contactId ?? x.accountId,
};

const ACTIVITY: Record<string, Gen> = {
  ...COMMON,
  type: (x) => x.r.pick(['call', 'call', 'meeting', 'email', 'note', 'visit']),
  kind: (x) => x.r.pick(['call', 'call', 'meeting', 'email', 'note', 'visit']),
  subject: (x) => x.r.pick(SUBJECTS),
  title: (x) => x.r.pick(SUBJECTS),
  body: (x) => x.r.pick(BODIES),
  content: (x) => x.r.pick(BODIES),
  notes: (x) => x.r.pick(BODIES),
  occurred_at: (x) => iso(x.at),
  happened_at: (x) => iso(x.at),
  started_at: (x) => iso(x.at),
  duration_sec: (x) => 60 + x.r.int(1800),
  direction: (x) => x.r.pick(['inbound', 'outbound', 'outbound']),
};

const TASK: Record<string, Gen> = {
  ...COMMON,
  title: (x) => x.r.pick(SUBJECTS),
  description: (x) => x.r.pick(BODIES),
  due_at: (x) => iso(x.at + x.r.int(14 * DAY)),
  priority: (x) => x.r.pick(['low', 'normal', 'normal', 'high', 'urgent']),
  status: (x) => (x.at < SEED_NOW - 14 * DAY ? x.r.pick(['done', 'done', 'done', 'cancelled']) : x.r.pick(['open', 'open', 'in_progress', 'done'])),
  completed_at: () => null,
};

interface ColumnInfo {
  name: string;
  required: boolean;
}

async function columnsOf(pool: Pool, table: string): Promise<ColumnInfo[]> {
  const { rows } = await pool.query<{ column_name: string; is_nullable: string; column_default: string | null; is_generated: string }>(
    `SELECT column_name, is_nullable, column_default, is_generated FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows
    .filter((r) => r.is_generated !== 'ALWAYS')
    .map((r) => ({ name: r.column_name, required: r.is_nullable === 'NO' && r.column_default === null }));
}

async function copyTable(
  pool: Pool,
  table: string,
  gens: Record<string, Gen>,
  n: number,
  pickRow: (r: Rng) => Row,
  seed: number,
): Promise<string | number> {
  const cols = await columnsOf(pool, table);
  const missing = cols.filter((c) => c.required && !gens[c.name]).map((c) => c.name);
  if (missing.length) return `${table}: no generator for required column(s) ${missing.join(', ')} (add them in bench/src/seed/work.ts)`;
  const used = cols.filter((c) => gens[c.name]);
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(`TRUNCATE ${table} CASCADE`);
    const w = new CopyWriter(c, table, used.map((u) => u.name), { freeze: true });
    const r = new Rng(seed);
    for (let i = 0; i < n; i++) {
      const x = pickRow(r);
      const p = w.write(used.map((u) => gens[u.name](x)));
      if (p) await p;
    }
    await w.end();
    await c.query('COMMIT');
    return n;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** Activities (2 per lead-ish, on leads, accounts and contacts) and tasks, when their tables exist. */
export async function seedWork(
  pool: Pool,
  org: Org,
  ids: CustomerIds,
  sizes: Sizes,
  seed: number,
  existing: string[],
  log: (m: string) => void,
): Promise<{ skipped: string[] }> {
  const skipped: string[] = [];
  const fallbackOwner = org.reps[0];
  const pickRow = (r: Rng): Row => {
    const k = r.next();
    const at = SEED_NOW - r.int(3 * 365 * DAY);
    if (k < 0.6 && ids.leads.length) {
      const l = ids.leads[r.int(ids.leads.length)];
      return { r, kind: 'lead', leadId: l.id, accountId: null, contactId: null, ownerId: l.ownerId ?? fallbackOwner.id, deptId: l.deptId, at: Math.max(at, l.createdAt) };
    }
    if (k < 0.8 && ids.accounts.length) {
      const a = ids.accounts[r.int(ids.accounts.length)];
      return { r, kind: 'account', leadId: null, accountId: a.id, contactId: null, ownerId: a.ownerId ?? fallbackOwner.id, deptId: a.deptId, at: Math.max(at, a.createdAt) };
    }
    const ct = ids.contacts[r.int(ids.contacts.length)];
    return { r, kind: 'contact', leadId: null, accountId: ct.accountId, contactId: ct.id, ownerId: ct.ownerId ?? fallbackOwner.id, deptId: ct.deptId, at };
  };
  for (const [table, gens, n, s] of [
    ['activities', ACTIVITY, sizes.activities, seed + 4],
    ['tasks', TASK, sizes.tasks, seed + 5],
  ] as const) {
    if (!existing.includes(table)) {
      skipped.push(`${table}: the table does not exist yet (its module's migration is not applied)`);
      continue;
    }
    const t0 = Date.now();
    const res = await copyTable(pool, table, gens, n, pickRow, s);
    if (typeof res === 'string') skipped.push(res);
    else log(`${table}: ${res.toLocaleString()} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { skipped };
}
