import { lagFromSamples, parseLsn, replicaErrorKind } from './replica-set';

describe('parseLsn', () => {
  it('orders WAL positions across the high word', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });
});

describe('lagFromSamples', () => {
  const samples = [
    { at: 1000, lsn: parseLsn('0/100') },
    { at: 2000, lsn: parseLsn('0/200') },
    { at: 3000, lsn: parseLsn('0/300') },
  ];
  it.each([
    ['0/300', 0],
    ['0/400', 0],
    ['0/250', 500],
    ['0/200', 500],
    ['0/1FF', 1500],
    ['0/50', 2500],
  ])('replayed %s at 3500 → %i ms behind', (replay, lag) => {
    expect(lagFromSamples(samples, parseLsn(replay), 3500)).toBe(lag);
  });
  it('an idle primary (no newer position) shows no lag however old the samples', () => {
    expect(lagFromSamples([{ at: 0, lsn: 10n }], 10n, 1_000_000)).toBe(0);
  });
});

describe('replicaErrorKind', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
  // TypeORM wraps the driver's error in QueryFailedError.driverError
  const wrapped = (e: Error) => Object.assign(new Error(e.message), { driverError: e });
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }), 'unavailable'],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'unavailable'],
    [new Error('Connection terminated unexpectedly'), 'unavailable'],
    [new Error('timeout exceeded when trying to connect'), 'unavailable'],
    [wrapped(pgError('57P01', 'terminating connection due to administrator command')), 'unavailable'],
    [wrapped(pgError('08P01', 'server conn crashed?')), 'unavailable'],
    [wrapped(pgError('08P01', 'pgbouncer cannot connect to server')), 'unavailable'],
    [wrapped(pgError('57P03', 'the database system is starting up')), 'unavailable'],
    [wrapped(pgError('53300', 'sorry, too many clients already')), 'unavailable'],
    [wrapped(pgError('40001', 'canceling statement due to conflict with recovery')), 'conflict'],
    [wrapped(pgError('40P01', 'canceling statement due to conflict with recovery')), 'conflict'],
    [wrapped(pgError('42P01', 'relation "nope" does not exist')), 'other'],
    [wrapped(pgError('57014', 'canceling statement due to statement timeout')), 'other'],
    [wrapped(pgError('23505', 'duplicate key value violates unique constraint')), 'other'],
  ])('%s → %s', (e, kind) => {
    expect(replicaErrorKind(e)).toBe(kind);
  });
});
