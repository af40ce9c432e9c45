import { join } from 'node:path';

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export async function shot(page, config, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(600); // let Element Plus and chart transitions finish
  await page.screenshot({ path: join(config.screenshots, `${name}.png`), fullPage: true });
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
