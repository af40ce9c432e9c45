/**
 * Logs in and prints the first page of users, then follows the cursor.
 * KEYUAN_URL=http://localhost:3000 KEYUAN_EMAIL=admin@keyuan.local KEYUAN_PASSWORD=... node --experimental-strip-types examples/list-users.ts
 */
import { createKeyuanClient, KeyuanApiError, unwrap } from '../src/index';

const baseUrl = process.env.KEYUAN_URL ?? 'http://localhost:3000';
let accessToken: string | null = null;
const client = createKeyuanClient({ baseUrl, getAccessToken: () => accessToken });

try {
  const tokens = await unwrap(
    client.POST('/api/v1/auth/login', {
      body: { email: process.env.KEYUAN_EMAIL ?? 'admin@keyuan.local', password: process.env.KEYUAN_PASSWORD ?? '' },
    }),
  );
  accessToken = tokens.accessToken;

  let cursor: string | undefined;
  do {
    const page = await unwrap(
      client.GET('/api/v1/users', { params: { query: { limit: 50, sort: 'name', active: true, cursor } } }),
    );
    for (const user of page.data) console.log(`${user.name} <${user.email}>`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
} catch (err) {
  if (err instanceof KeyuanApiError) {
    console.error(`${err.status} ${err.problem.title}: ${err.problem.detail ?? ''}`);
    for (const e of err.fieldErrors) console.error(`  ${e.field}: ${e.message}`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
