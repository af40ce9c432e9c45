import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CampaignPicker } from './campaigns';
import type { Org, SeedUser } from './org';
import { CITIES, company, email, person, phone, Rng, TITLES } from './random';
import { leadCustomValues, leadsHaveCustom } from './custom-fields';

/** The data set's "now": fixed so that two seeds give the same rows. */
export const SEED_NOW = Date.parse('2026-11-01T00:00:00Z');
const THREE_YEARS = 3 * 365 * 24 * 3600 * 1000;
const DAY = 24 * 3600 * 1000;

export interface Sizes {
  accounts: number;
  contacts: number;
  leads: number;
  activities: number;
  tasks: number;
}

interface Owner {
  ownerId: string | null;
  deptId: string | null;
  poolId: string | null;
}

const SOURCES = [['web', 30], ['campaign', 15], ['referral', 10], ['trade_show', 10], ['phone', 15], ['import', 15], ['other', 5]] as const;
const STATUSES = [['new', 35], ['contacted', 30], ['qualified', 15], ['unqualified', 12], ['converted', 8]] as const;
const INDUSTRIES = ['IT', 'manufacturing', 'retail', 'finance', 'healthcare', 'education', 'logistics', 'energy'];
const SIZES = ['1-9', '10-49', '50-199', '200-999', '1000+'];
const STAGES = [['prospect', 40], ['active', 40], ['at_risk', 12], ['churned', 8]] as const;

/** Who owns a new record: 10 % sit in a region's pool, 5 % go to the bench rep, the rest spread over reps and managers. */
function owner(r: Rng, org: Org): Owner {
  const x = r.next();
  if (x < 0.1) {
    const p = r.pick(org.pools);
    return { ownerId: null, deptId: p.deptId, poolId: p.id };
  }
  let u: SeedUser;
  if (x < 0.15) u = org.heavyRep;
  else if (x < 0.2) u = r.pick(org.managers);
  else u = r.pick(org.reps);
  return { ownerId: u.id, deptId: u.deptId, poolId: null };
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface CustomerIds {
  accounts: { id: string; ownerId: string | null; deptId: string | null; createdAt: number }[];
  contacts: { id: string; accountId: string; ownerId: string | null; deptId: string | null }[];
  leads: { id: string; ownerId: string | null; deptId: string | null; createdAt: number }[];
}

/**
 * Accounts, contacts and leads through COPY (FREEZE, each in the transaction that truncated its
 * table), with their contact_points rows streamed at the same time over a second connection.
 */
export async function seedCustomers(pool: Pool, org: Org, sizes: Sizes, seed: number, log: (m: string) => void, campaign?: CampaignPicker): Promise<CustomerIds> {
  const ids: CustomerIds = { accounts: [], contacts: [], leads: [] };
  let phoneNo = 1;
  const cpClient = await pool.connect();
  const main = await pool.connect();
  try {
    await cpClient.query('BEGIN');
    await cpClient.query('TRUNCATE contact_points');
    const cp = new CopyWriter(cpClient, 'contact_points', ['entity_type', 'entity_id', 'kind', 'value', 'display_name', 'owner_id', 'department_id'], {
      freeze: true,
    });

    // accounts
    let t0 = Date.now();
    await main.query('BEGIN');
    await main.query('TRUNCATE accounts CASCADE');
    let r = new Rng(seed + 1);
    const acc = new CopyWriter(
      main,
      'accounts',
      ['id', 'name', 'type', 'industry', 'size', 'source', 'level', 'lifecycle_stage', 'phone', 'email', 'province', 'city', 'owner_id',
        'department_id', 'pool_id', 'claimed_at', 'next_follow_up_at', 'created_at', 'updated_at'],
      { freeze: true },
    );
    for (let i = 0; i < sizes.accounts; i++) {
      const id = r.uuid();
      const individual = r.chance(0.08);
      const p = person(r);
      const name = individual ? p.name : company(r);
      const o = owner(r, org);
      const created = SEED_NOW - r.int(THREE_YEARS);
      const updated = Math.min(SEED_NOW, created + r.int(60 * DAY));
      const ph = r.chance(0.6) ? phone(phoneNo++) : null;
      const em = r.chance(0.3) ? email(r, individual && p.english ? p.handle : 'info', `a${i}`) : null;
      const [prov, city] = r.pick(CITIES);
      const w1 = acc.write([id, name, individual ? 'individual' : 'company', r.pick(INDUSTRIES), r.pick(SIZES), r.weighted(SOURCES),
        r.pick(['A', 'B', 'C', 'D']), r.weighted(STAGES), ph, em, prov, city, o.ownerId, o.deptId, o.poolId,
        o.ownerId ? iso(created) : null, r.chance(0.2) ? iso(SEED_NOW + r.int(30 * DAY)) : null, iso(created), iso(updated)]);
      if (w1) await w1;
      ids.accounts.push({ id, ownerId: o.ownerId, deptId: o.deptId, createdAt: created });
      if (ph) { const w = cp.write(['account', id, 'phone', ph, name.slice(0, 200), o.ownerId, o.deptId]); if (w) await w; }
      if (em) { const w = cp.write(['account', id, 'email', em, name.slice(0, 200), o.ownerId, o.deptId]); if (w) await w; }
    }
    await acc.end();
    await main.query('COMMIT');
    log(`accounts: ${sizes.accounts.toLocaleString()} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // contacts: 1 to 3 per account (2 on average), the first one primary, owned like their account
    t0 = Date.now();
    await main.query('BEGIN');
    await main.query('TRUNCATE contacts CASCADE');
    r = new Rng(seed + 2);
    const con = new CopyWriter(
      main,
      'contacts',
      ['id', 'account_id', 'name', 'title', 'mobile', 'work_phone', 'email', 'gender', 'is_primary', 'owner_id', 'department_id', 'created_at', 'updated_at'],
      { freeze: true },
    );
    const perAccount = sizes.contacts / Math.max(1, sizes.accounts);
    let k = 0;
    for (const a of ids.accounts) {
      const n = Math.max(1, Math.round(perAccount - 1 + r.next() * 2));
      for (let j = 0; j < n && k < sizes.contacts; j++, k++) {
        const id = r.uuid();
        const p = person(r);
        const mobile = r.chance(0.9) ? phone(phoneNo++) : null;
        const work = r.chance(0.1) ? phone(phoneNo++) : null;
        const em = r.chance(0.5) ? email(r, p.handle, `c${k}`) : null;
        const created = a.createdAt + r.int(30 * DAY);
        const w1 = con.write([id, a.id, p.name, r.pick(TITLES), mobile, work, em, r.pick(['male', 'female', null]), j === 0,
          a.ownerId, a.deptId, iso(Math.min(created, SEED_NOW)), iso(Math.min(created + r.int(30 * DAY), SEED_NOW))]);
        if (w1) await w1;
        ids.contacts.push({ id, accountId: a.id, ownerId: a.ownerId, deptId: a.deptId });
        for (const [kind, v] of [['phone', mobile], ['phone', work], ['email', em]] as const) {
          if (v) { const w = cp.write(['contact', id, kind, v, p.name, a.ownerId, a.deptId]); if (w) await w; }
        }
      }
    }
    await con.end();
    await main.query('COMMIT');
    log(`contacts: ${k.toLocaleString()} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // leads
    t0 = Date.now();
    await main.query('BEGIN');
    await main.query('TRUNCATE leads CASCADE');
    r = new Rng(seed + 3);
    // custom field values (issue 18) from their own stream: the other columns stay the same rows
    const withCustom = await leadsHaveCustom(main);
    const rc = new Rng(seed + 18);
    const leads = new CopyWriter(
      main,
      'leads',
      ['id', 'name', 'company', 'title', 'phone', 'email', 'source', 'status', 'score', 'province', 'city', 'owner_id', 'department_id',
        'pool_id', 'claimed_at', 'next_follow_up_at', 'converted_at', 'converted_account_id', 'created_at', 'updated_at', 'campaign_id', ...(withCustom ? ['custom'] : [])],
      { freeze: true },
    );
    for (let i = 0; i < sizes.leads; i++) {
      const id = r.uuid();
      const p = person(r);
      const comp = r.chance(0.85) ? company(r) : null;
      const ph = r.chance(0.9) ? phone(phoneNo++) : null;
      const em = r.chance(0.5) ? email(r, p.handle, i) : null;
      const status = r.weighted(STATUSES);
      const o = owner(r, org);
      const created = SEED_NOW - r.int(THREE_YEARS);
      const updated = Math.min(SEED_NOW, created + r.int(60 * DAY));
      const [prov, city] = r.pick(CITIES);
      const converted = status === 'converted' && ids.accounts.length ? r.pick(ids.accounts).id : null;
      const w1 = leads.write([id, p.name, comp, r.chance(0.5) ? r.pick(TITLES) : null, ph, em, r.weighted(SOURCES), status,
        status === 'unqualified' ? 0 : 20 + r.int(60), prov, city, o.ownerId, o.deptId, o.poolId, o.ownerId ? iso(created) : null,
        r.chance(0.3) ? iso(SEED_NOW + r.int(30 * DAY)) : null, converted ? iso(updated) : null, converted, iso(created), iso(updated), campaign?.next() ?? null, ...(withCustom ? [leadCustomValues(rc, SEED_NOW, i)] : [])]);
      if (w1) await w1;
      ids.leads.push({ id, ownerId: o.ownerId, deptId: o.deptId, createdAt: created });
      if (ph) { const w = cp.write(['lead', id, 'phone', ph, p.name, o.ownerId, o.deptId]); if (w) await w; }
      if (em) { const w = cp.write(['lead', id, 'email', em, p.name, o.ownerId, o.deptId]); if (w) await w; }
    }
    await leads.end();
    await main.query('COMMIT');
    log(`leads: ${sizes.leads.toLocaleString()} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    t0 = Date.now();
    const cpRows = await cp.end();
    await cpClient.query('COMMIT');
    log(`contact_points: ${cpRows.toLocaleString()} rows (streamed alongside; final flush ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    await main.query('ROLLBACK').catch(() => undefined);
    await cpClient.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    main.release();
    cpClient.release();
  }
  return ids;
}
