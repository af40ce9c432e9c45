import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CustomerIds } from './customers';
import { SEED_NOW } from './customers';
import { Rng } from './random';

const DAY = 24 * 3600 * 1000;
/** Mostly signed contracts, as in a CRM that has run a while. */
const STATUSES = ['active', 'active', 'active', 'active', 'expired', 'expired', 'expired', 'draft', 'terminated', 'pending_approval'];
const KINDS = ['年度软件服务合同', '实施项目合同', '维保合同', '增购席位合同', '硬件采购合同', '培训服务合同'];
const SIGNERS = ['张伟', '王芳', '李娜', '刘洋', '陈静', 'David Lee', 'Anna Wu'];

/** Money as exact cents → "123.45". */
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Contracts (issue 13) through COPY like the other tables: on owned accounts (so the heavy rep holds ~5 %),
 * amounts entered without lines (the API's "no lines" case), one-to-three-year terms starting from two
 * years back to three months ahead, statuses consistent with the dates (active contracts end in the future,
 * expired ones in the past). Numbers `HT{yyyyMM}-{seq}` per creation month, with the sequence counters set
 * past them so creates through the API continue the numbering.
 */
export async function seedContracts(pool: Pool, ids: CustomerIds, count: number, seed: number, existing: string[], log: (m: string) => void): Promise<string[]> {
  if (!existing.includes('contracts')) return ['contracts: the table does not exist yet (migration 1764800000000)'];
  const r = new Rng(seed + 13);
  const c = await pool.connect();
  try {
    const t0 = Date.now();
    await c.query('BEGIN');
    await c.query('TRUNCATE contract_lines, contracts CASCADE');
    await c.query(`DELETE FROM sequence_counters WHERE name = 'contract'`);
    const owned = ids.accounts.filter((a) => a.ownerId);
    const seqs = new Map<string, number>();
    const w = new CopyWriter(c, 'contracts', [
      'id', 'number', 'title', 'status', 'account_id', 'currency', 'amount', 'tax_included', 'sign_date', 'start_date', 'end_date', 'payment_terms',
      'customer_signer', 'our_signer_id', 'activated_at', 'ended_at', 'owner_id', 'department_id', 'created_at', 'updated_at', 'version',
    ], { freeze: true });
    for (let i = 0; i < count; i++) {
      const a = owned[r.int(owned.length)];
      let status = r.pick(STATUSES);
      const start = SEED_NOW + (r.int(820) - 730) * DAY;
      let end = start + (365 * (1 + r.int(3)) - 1) * DAY;
      // keep the status consistent with the dates
      if (status === 'active' && end < SEED_NOW) end = SEED_NOW + (30 + r.int(700)) * DAY;
      if (status === 'expired' && end >= SEED_NOW) status = 'active';
      const created = Math.max(a.createdAt, start - (5 + r.int(30)) * DAY);
      const d = new Date(created);
      const month = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      const seq = (seqs.get(month) ?? 0) + 1;
      seqs.set(month, seq);
      const signed = status !== 'draft' && status !== 'pending_approval';
      const iso = new Date(created).toISOString();
      const p = w.write([
        r.uuid(), `HT${month}-${String(seq).padStart(4, '0')}`, `${r.pick(KINDS)} ${i + 1}`, status, a.id, r.next() < 0.9 ? 'CNY' : 'USD',
        money(100 * (5_000 + r.int(800_000))), true, signed ? day(start - r.int(10) * DAY) : null, day(start), day(end), '合同签订后 7 个工作日内支付 50%',
        r.pick(SIGNERS), a.ownerId, signed ? iso : null, status === 'expired' || status === 'terminated' ? new Date(Math.min(end, SEED_NOW)).toISOString() : null,
        a.ownerId, a.deptId, iso, iso, 1,
      ]);
      if (p) await p;
    }
    await w.end();
    for (const [month, n] of seqs) {
      await c.query(`INSERT INTO sequence_counters (name, period_key, value) VALUES ('contract', $1, $2)`, [`HT${month}-#`, n]);
    }
    await c.query('COMMIT');
    log(`contracts: ${count.toLocaleString()} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return [];
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
