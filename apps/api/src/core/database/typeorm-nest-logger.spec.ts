import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../test/helpers/test-database';
import { createDataSource } from './data-source';

/** Test output is failures only: a failed query that the app answers (a 409) is not printed at the tests' log level. */
describe('TypeORM logging through Nest', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = createDataSource(db.url, 1);
    await ds.initialize();
  });
  afterAll(async () => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
    await ds.destroy();
    await drop();
  });

  const printed = async (fn: () => Promise<unknown>): Promise<string> => {
    const spies = [
      jest.spyOn(console, 'log'),
      jest.spyOn(process.stdout, 'write'),
      jest.spyOn(process.stderr, 'write'),
    ];
    spies.forEach((s) => s.mockImplementation(() => true));
    try {
      await fn().catch(() => undefined);
      return spies.flatMap((s) => s.mock.calls.map((c) => c.map(String).join(' '))).join('\n');
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  };

  it('prints nothing for a failed query when only errors are logged, and a warning with the SQL otherwise', async () => {
    Logger.overrideLogger(['error']);
    expect(await printed(() => ds.query(`SELECT 1 / $1::int AS boom`, [0]))).toBe('');
    Logger.overrideLogger(['error', 'warn']);
    const warning = await printed(() => ds.query(`SELECT 1 / $1::int AS boom`, [0]));
    expect(warning).toMatch(
      /WARN.*\[SQL\].*query failed: division by zero: SELECT 1 \/ \$1::int AS boom -- \[0\]/,
    );
  });
});
