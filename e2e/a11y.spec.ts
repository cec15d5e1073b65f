/**
 * Accessibility basics: ARIA roles and names, readable at 200% zoom (a 180-px-wide popup in
 * CSS pixels), reduced motion honoured, light and dark colour schemes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.use({ home: { fixture: 'stale-link' } });

test('landmarks, tabs, lists and dialogs carry roles and names', async ({ openPopup, page }) => {
  await openPopup();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Views' })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: 'Connectors' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'fixture.user@example.com' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Linear: Needs reconnecting' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '1 connector needs reconnecting' })).toBeVisible();
  await page.getByRole('button', { name: 'Reconnect: Linear' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reconnect Linear?' });
  await expect(dialog).toBeVisible();
  // Modal: the rest of the popup is inert while the dialog is open.
  expect(await page.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true);
});

test('readable at 200% zoom: nothing overflows sideways, every action stays visible', async ({ openPopup, backend, page }) => {
  expect((await backend.dispatch('resetConnector', { connectorId: LINEAR })).ok).toBe(true);
  backend.regenerate('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json', 'original');
  await page.setViewportSize({ width: 180, height: 260 });
  await openPopup();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  const action = page.getByRole('button', { name: 'Reconnect: Linear' });
  await action.scrollIntoViewIfNeeded();
  await expect(action).toBeInViewport();
  await page.getByRole('tab', { name: /History/ }).click();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: /^Restore/ }).first().click();
  const confirm = page.getByTestId('restore-dialog').getByRole('button', { name: 'Restore', exact: true });
  await confirm.scrollIntoViewIfNeeded();
  await expect(confirm).toBeInViewport();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});

test('reduced motion stops the spinners', async ({ openPopup, page }) => {
  await openPopup();
  const spin = () =>
    page.evaluate(() => {
      const el = document.createElement('span');
      el.className = 'spinner';
      document.body.append(el);
      const name = getComputedStyle(el).animationName;
      el.remove();
      return name;
    });
  expect(await spin()).toBe('spin');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await spin()).toBe('none');
});

test('light and dark schemes use different colours', async ({ openPopup, page }) => {
  await openPopup();
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await bg();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await bg();
  expect(light).not.toBe(dark);
});
