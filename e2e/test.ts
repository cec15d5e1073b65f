/**
 * The Playwright `test` for Relink's popup: a fresh backend per test, CSP violations and page
 * errors fail the test, and a helper opens the popup and waits for `[data-app-state=ready]`.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { Backend, type HomeOptions } from './harness';

/** Fixtures every spec gets. */
export interface RelinkFixtures {
  /** Options for the backend (override with `test.use({ home: … })`). */
  home: HomeOptions;
  backend: Backend;
  /** Opens the popup and waits until the first scan is on screen. */
  openPopup: () => Promise<Page>;
}

/**
 * Collects what must never happen in the popup: CSP violations, console errors, page errors and
 * requests leaving the preview server (remote logos, fonts, anything).
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
    else if (msg.type() === 'error') problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('http://127.0.0.1:4173/') && !url.startsWith('data:')) problems.push(`remote request: ${url}`);
  });
  return problems;
}

/** Playwright `test` with a fresh real-core backend per test and the page watcher. */
export const test = base.extend<RelinkFixtures>({
  home: [{ fixture: 'healthy' }, { option: true }],
  backend: async ({ home }, use) => {
    const b = new Backend(home);
    await use(b);
    await b.dispose();
  },
  page: async ({ page }, use) => {
    const problems = watchPage(page);
    await use(page);
    expect(problems, 'no CSP violation, console error, page error or remote request').toEqual([]);
  },
  openPopup: async ({ page, backend }, use) => {
    await use(async () => {
      await backend.install(page);
      await page.goto('/');
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
      return page;
    });
  },
});

export { expect };
