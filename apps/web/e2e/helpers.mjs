import { join } from 'node:path';

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export async function shot(page, config, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  // Element Plus's transitions (dialogs, dropdowns, toasts) finished; endless spinners do not count
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  await page.screenshot({ path: join(config.screenshots, `${name}.png`), fullPage: true });
}

/**
 * Clicks and waits for the API answer that the click causes, which must be a success. Waiting for the
 * success toast instead can pass on an earlier toast that is still fading out.
 */
export async function clickForAnswer(page, locator, method, path) {
  const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
  await locator.click();
  const res = await answer;
  assert(res.ok(), `${method} ${new URL(res.url()).pathname} answered ${res.status()}`);
  return res;
}

/** Signs in through the login form and waits for the app shell. */
export async function login(page, { email, password }, { expectSuccess = true } = {}) {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.locator('input[data-testid="login-email"]').fill(email);
  await page.locator('input[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
  if (expectSuccess) await page.locator('[data-testid="side-menu"]').waitFor();
}

export async function menuNames(page) {
  await page.locator('[data-testid="side-menu"]').waitFor();
  return page.$$eval('[data-testid^="menu-"]', (els) =>
    els.map((e) => e.getAttribute('data-testid')).filter((id) => id !== 'menu-toggle'),
  );
}

export async function logout(page) {
  await page.locator('[data-testid="user-menu"]').click();
  await page.locator('[data-testid="logout"]:visible').click();
  await page.waitForURL(/\/login/);
}

/**
 * HTML drag and drop from a kanban card to a column with the mouse. Two moves over the target, as
 * Playwright's docs advise: the move that starts the drag sends no dragover, and a drop is accepted
 * only after one (locator.dragTo makes one move, and on a busy machine its drop was sometimes lost).
 */
export async function dragAndDrop(page, source, target) {
  await target.scrollIntoViewIfNeeded();
  await source.hover();
  const from = await source.boundingBox();
  assert(from, 'the dragged card is on the page');
  await page.mouse.down();
  // the browser starts a drag once the pointer moves a few pixels with the button down; move on in small
  // steps until the board says it is dragging (each move is another chance to start it on a busy machine)
  const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
  const dragging = page.locator('[data-dragging="true"]');
  for (let i = 1; i <= 6 && !(await dragging.count()); i++) await page.mouse.move(x0 + 4 * i, y0 + 4 * i);
  await dragging.waitFor();
  // a point of the target that is really under the pointer: a long column scrolled for the card may
  // have its top under the sticky top bar, where the drop would land on the bar
  const point = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    if (x < 0 || x >= window.innerWidth) return null;
    for (let y = Math.max(r.top, 0) + 12; y < Math.min(r.bottom, window.innerHeight) - 4; y += 12) {
      if (el.contains(document.elementFromPoint(x, y))) return { x, y };
    }
    return null;
  });
  assert(point, 'the drop target is in view beside the card');
  await page.mouse.move(point.x, point.y, { steps: 5 });
  await page.mouse.move(point.x + 2, point.y + 2);
  await page.mouse.up();
}

/**
 * Types a search into a record table and waits until the table shows that search's rows: a click on a
 * row that the answer re-renders under the pointer is lost (mousedown and mouseup on different nodes).
 */
export async function searchTable(page, table, text) {
  const root = page.locator(`[data-testid="record-table-${table}"]`);
  await root.locator('input[data-testid="table-search"]').fill(text);
  await page.locator(`[data-testid="record-table-${table}"][aria-busy="false"]`).waitFor();
  return root;
}

/**
 * A user's API client for a spec's setup and checks (what the user does happens in the browser):
 * `call(method, path, body)` answers `{ status, body }`; `send(...)` asserts a 2xx and answers the body.
 */
export async function apiAs(config, { email, password = 'Demo123!' }) {
  const base = `${config.baseUrl}/api/v1`;
  const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert(res.ok, `login ${email}: HTTP ${res.status}`);
  const { accessToken } = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path.replace(/^\/api\/v1/, '')}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  const send = async (method, path, body) => {
    const r = await call(method, path, body);
    assert(r.status >= 200 && r.status < 300, `${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return Object.assign(call, { call, send });
}
