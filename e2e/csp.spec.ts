/**
 * The CSP guard itself: the built popup runs under the strict policy, an injected inline
 * script is refused, and `watchPage` (which fails every other spec on a violation) sees it.
 */
import { test as base, expect } from '@playwright/test';
import { Backend } from './harness';
import { watchPage } from './test';

base('an injected inline script is blocked and reported as a CSP violation', async ({ page }) => {
  const backend = new Backend({ fixture: 'healthy' });
  try {
    const problems = watchPage(page);
    await backend.install(page);
    await page.goto('/');
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    expect(problems).toEqual([]);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
    });
    await expect.poll(() => problems.filter((p) => p.startsWith('CSP:')).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  } finally {
    await backend.dispose();
  }
});

base('the bridge is frozen: the page cannot replace window.relink or its methods', async ({ page }) => {
  const backend = new Backend({ fixture: 'healthy' });
  try {
    await backend.install(page);
    await page.goto('/');
    const result = await page.evaluate(() => {
      const w = window as unknown as { relink: Record<string, unknown> };
      const before = w.relink.getStatus;
      try {
        (w as { relink: unknown }).relink = {};
      } catch {
        /* strict mode would throw; either way nothing changes */
      }
      try {
        w.relink.getStatus = () => null;
      } catch {
        /* frozen */
      }
      return { same: w.relink.getStatus === before, frozen: Object.isFrozen(w.relink) };
    });
    expect(result).toEqual({ same: true, frozen: true });
  } finally {
    await backend.dispose();
  }
});
