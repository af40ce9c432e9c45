import { statementKind } from './read-routing';
import { replicaEligible } from './read-routing.interceptor';

describe('statementKind', () => {
  it.each([
    ['SELECT "l"."id" AS "l_id" FROM "leads" "l" WHERE "l"."updated_at" > $1', 'read'],
    ['  (SELECT 1) UNION (SELECT 2)', 'read'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'read'],
    ['EXPLAIN (FORMAT JSON) SELECT 1 FROM leads', 'read'],
    ["SELECT count(*) FROM audit_logs WHERE action IN ('update', 'delete')", 'read'],
    ['SELECT 1 -- UPDATE in a comment\nFROM t', 'read'],
    ['SELECT /* delete */ 1', 'read'],
    ['SELECT * FROM leads FOR UPDATE', 'write'],
    ['SELECT * FROM leads l FOR NO KEY UPDATE OF l', 'write'],
    ['SELECT * FROM leads FOR SHARE', 'write'],
    ['WITH moved AS (UPDATE leads SET owner_id = $1 RETURNING id) SELECT count(*) FROM moved', 'write'],
    ["SELECT nextval('quote_seq')", 'write'],
    ["SELECT pg_advisory_xact_lock(hashtext('x'))", 'write'],
    ["SELECT set_config('app.user', $1, true)", 'write'],
    ['SELECT * INTO copy_of_leads FROM leads', 'write'],
    ['INSERT INTO leads (name) VALUES ($1)', 'write'],
    ['UPDATE leads SET name = $1', 'write'],
    ['DELETE FROM leads', 'write'],
    ['CREATE INDEX x ON leads (name)', 'write'],
    ['START TRANSACTION', 'control'],
    ['SET LOCAL statement_timeout = 1000', 'control'],
    ['COMMIT', 'control'],
    ['ROLLBACK TO SAVEPOINT typeorm_1', 'control'],
  ])('%s → %s', (sql, kind) => {
    expect(statementKind(sql)).toBe(kind);
  });
});

describe('replicaEligible (the convention for GET handlers)', () => {
  it.each([
    ['', 'leads', true],
    ['/', 'leads', true],
    ['export', 'leads', true],
    ['leads/:id/timeline', '', true],
    ['funnel', 'analytics', true],
    [undefined, 'search', true],
    [':id', 'leads', false],
    [':id/history', 'leads', false],
    ['me', 'auth', false],
    ['unread-count', 'notices', false],
  ])('GET %s on controller %s → %s', (handler, controller, ok) => {
    expect(replicaEligible(handler, controller)).toBe(ok);
  });
});
