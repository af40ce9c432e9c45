import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CustomerIds } from './customers';
import { SEED_NOW } from './customers';
import { Rng } from './random';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Most tickets of a desk that has run a while are done; a tenth still waits on us. */
const STATUSES = ['closed', 'closed', 'closed', 'closed', 'resolved', 'resolved', 'open', 'new', 'pending', 'reopened'];
const PRIORITIES = ['normal', 'normal', 'normal', 'low', 'high', 'urgent'];
const TYPES = ['inquiry', 'inquiry', 'fault', 'fault', 'service_request', 'complaint', 'feedback'];
const CHANNELS = ['phone', 'phone', 'web', 'email', 'wechat', 'sms', 'api'];
const SUBJECTS = ['无法登录', '导出 PDF 乱码', '报表数据不一致', '同步企业微信失败', '申请增加席位', '发票抬头错误', 'Cannot sync calendar', 'Invoice question', '打印机离线', '手机端闪退'];
const BODIES = ['您好，请提供一下截图。', '已为您处理，请刷新后再试。', '问题依旧存在。', '内部：已转二线排查。', 'Thanks, it works now.', '我们会在今天内回复您。'];
const ACTIVE = new Set(['new', 'open', 'pending', 'reopened']);

/**
 * Tickets (issue 15) through COPY: on owned accounts, assigned to the account's owner (so the heavy rep holds
 * ~5 % of them: the agent queue of the scenarios), statuses as a desk that has run a while, SLA due times
 * around now for the active ones (some breached, some about to breach), and `commentsPer` comments each on
 * average (public replies and internal notes). The seed gives the bench's sales roles a tickets grant (reps
 * own, managers their department) so the same users act as agent and manager.
 */
export async function seedTickets(pool: Pool, ids: CustomerIds, count: number, commentsPer: number, seed: number, existing: string[], log: (m: string) => void): Promise<string[]> {
  if (!existing.includes('tickets')) return ['tickets: the table does not exist yet (migration 1765100000000)'];
  const r = new Rng(seed + 15);
  const c = await pool.connect();
  try {
    const t0 = Date.now();
    await c.query('BEGIN');
    await c.query('TRUNCATE ticket_comments, tickets CASCADE');
    await c.query(`DELETE FROM sequence_counters WHERE name = 'ticket'`);
    await c.query(`UPDATE roles SET permissions = permissions || '[{"module":"tickets","actions":["read","create","update"],"scope":"own"}]'::jsonb WHERE key = 'sales_rep' AND NOT permissions @> '[{"module":"tickets"}]'::jsonb`);
    await c.query(`UPDATE roles SET permissions = permissions || '[{"module":"tickets","actions":["read","create","update","delete","export"],"scope":"department"}]'::jsonb WHERE key = 'sales_manager' AND NOT permissions @> '[{"module":"tickets"}]'::jsonb`);
    const policies = new Map((await c.query<{ id: string; priority: string }>(`SELECT id, priority FROM sla_policies WHERE account_level IS NULL AND deleted_at IS NULL`)).rows.map((p) => [p.priority, p.id]));
    const owned = ids.accounts.filter((a) => a.ownerId);
    const seqs = new Map<string, number>();
    const tickets: { id: string; created: number; ownerId: string }[] = [];
    const w = new CopyWriter(c, 'tickets', [
      'id', 'number', 'subject', 'description', 'type', 'channel', 'priority', 'status', 'account_id', 'owner_id', 'department_id', 'requester_name', 'public_token', 'opened_at',
      'sla_policy_id', 'first_responded_at', 'first_response_due_at', 'resolution_due_at', 'first_response_breached', 'resolution_breached', 'sla_next_due_at', 'sla_breached',
      'resolved_at', 'closed_at', 'survey_rating', 'created_at', 'updated_at', 'version',
    ], { freeze: true });
    for (let i = 0; i < count; i++) {
      const a = owned[r.int(owned.length)];
      const status = r.pick(STATUSES);
      const active = ACTIVE.has(status);
      // active tickets are recent; done ones spread over two years
      const created = Math.max(a.createdAt, active ? SEED_NOW - r.int(20 * DAY) : SEED_NOW - r.int(730 * DAY));
      const priority = r.pick(PRIORITIES);
      const responded = status !== 'new' ? created + r.int(6 * 60) * MINUTE : null;
      const firstDue = created + (priority === 'urgent' ? 30 : priority === 'high' ? 60 : 240) * MINUTE;
      const resolutionDue = created + (priority === 'urgent' ? 0.5 : priority === 'high' ? 1 : 3) * DAY;
      const resolved = active ? null : created + r.int(5 * DAY);
      const breachedRes = resolved ? resolved > resolutionDue : resolutionDue < SEED_NOW;
      const breachedFirst = responded ? responded > firstDue : firstDue < SEED_NOW;
      const nextDue = !active || status === 'pending' ? null : [!responded && !breachedFirst ? firstDue : null, !breachedRes ? resolutionDue : null].filter((x): x is number => x !== null).sort()[0] ?? null;
      const d = new Date(created);
      const dayKey = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
      const seq = (seqs.get(dayKey) ?? 0) + 1;
      seqs.set(dayKey, seq);
      const id = r.uuid();
      const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
      const p = w.write([
        id, `T${dayKey}-${String(seq).padStart(4, '0')}`, `${r.pick(SUBJECTS)} #${i + 1}`, r.pick(BODIES), r.pick(TYPES), r.pick(CHANNELS), priority, status, a.id, a.ownerId, a.deptId,
        '王先生', `bench${i}${r.uuid().slice(0, 8)}`, iso(created), policies.get(priority) ?? null, iso(responded), iso(firstDue), iso(resolutionDue), breachedFirst, breachedRes,
        iso(nextDue), breachedFirst || breachedRes, iso(resolved), status === 'closed' ? iso(resolved) : null, status === 'closed' && r.next() < 0.3 ? 1 + r.int(5) : null, iso(created), iso(created), 1,
      ]);
      if (p) await p;
      tickets.push({ id, created, ownerId: a.ownerId! });
    }
    await w.end();
    for (const [dayKey, n] of seqs) await c.query(`INSERT INTO sequence_counters (name, period_key, value) VALUES ('ticket', $1, $2)`, [`T${dayKey}-#`, n]);
    const cw = new CopyWriter(c, 'ticket_comments', ['id', 'ticket_id', 'visibility', 'from_customer', 'author_id', 'author_name', 'body', 'created_at'], { freeze: true });
    let comments = 0;
    for (const t of tickets) {
      const n = r.int(2 * commentsPer + 1);
      for (let k = 0; k < n; k++) {
        const customer = r.next() < 0.4;
        const internal = !customer && r.next() < 0.25;
        const p = cw.write([r.uuid(), t.id, internal ? 'internal' : 'public', customer, customer ? null : t.ownerId, customer ? '王先生' : null, r.pick(BODIES), new Date(t.created + (k + 1) * 37 * MINUTE).toISOString()]);
        if (p) await p;
        comments++;
      }
    }
    await cw.end();
    await c.query('COMMIT');
    log(`tickets: ${count.toLocaleString()} with ${comments.toLocaleString()} comments in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return [];
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
