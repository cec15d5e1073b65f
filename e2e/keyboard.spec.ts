/**
 * Keyboard-only use: Tab reaches everything, arrows move in lists and tabs, Enter activates,
 * Esc closes; focus is always visible.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** A short description of the focused element. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? el.textContent?.trim() ?? el.tagName;
  });
}

/** True when the focused element draws a visible outline. */
async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  });
}

test.use({ home: { fixture: 'stale-link' } });

test('Tab order, arrow keys in the list, Enter to reset and Enter to finish, all without a mouse', async ({ openPopup, backend }) => {
  const page = await openPopup();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Refresh');
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Connectors');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Linear: Needs reconnecting');
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('Google Calendar: Healthy');
  await page.keyboard.press('ArrowUp');
  expect(await focused(page)).toBe('Linear: Needs reconnecting');
  // Inside the row: the health badge (reason on focus), copy, then the action.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('health');
  await expect(page.getByRole('tooltip').first()).toBeVisible();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Copy link id link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Reconnect: Linear');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Details: Linear');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connector-details')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('connector-details')).toBeHidden();
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toBe('Reconnect: Linear');

  // Esc closes the confirmation and gives focus back.
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('reset-dialog');
  await expect(dialog).toBeVisible();
  expect(await focused(page)).toBe('Reconnect');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await focused(page)).toBe('Reconnect: Linear');
  expect(backend.cacheFiles()).toContain('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json');

  // Enter on the row itself opens the same confirmation; Enter confirms; Enter closes the result.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toBe('Linear: Needs reconnecting');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('reset-done')).toBeVisible();
  expect(backend.cacheFiles()).not.toContain('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json');
  expect(await focused(page)).toBe('Done');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
});

test('arrows switch tabs; in history Enter opens the restore preview, Esc closes it, Esc again goes back', async ({ openPopup, backend }) => {
  expect((await backend.dispatch('resetConnector', { connectorId: LINEAR })).ok).toBe(true);
  const page = await openPopup();
  await page.getByRole('tab', { name: 'Connectors' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /History/ })).toHaveAttribute('aria-selected', 'true');
  expect(await focused(page)).toMatch(/^History/);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^Reset of Linear/);
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog.getByTestId('restore-diff')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await focused(page)).toMatch(/^Reset of Linear/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tab', { name: 'Connectors' })).toHaveAttribute('aria-selected', 'true');
  expect(backend.hideRequests).toBe(0);
  // On the main view, Esc asks main to hide the popup.
  await page.keyboard.press('Escape');
  await expect.poll(() => backend.hideRequests).toBe(1);
});

test('a label can be edited with the keyboard: Enter saves, Esc cancels', async ({ openPopup, backend }) => {
  expect((await backend.dispatch('resetConnector', { connectorId: LINEAR })).ok).toBe(true);
  const page = await openPopup();
  await page.getByRole('tab', { name: /History/ }).click();
  await page.getByRole('button', { name: 'Add label' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('kept for later');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Add label' })).toBeVisible();
  await page.getByRole('button', { name: 'Add label' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('kept for later');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Edit label: kept for later' })).toBeVisible();
});
