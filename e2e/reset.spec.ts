/**
 * Used-by flow 2: one-click connector reset. The files move aside into a snapshot that shows
 * up in history, and Undo brings every byte (and mtime) back.
 */
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';

test.use({ home: { fixture: 'stale-link' } });

test('Reconnect moves the files aside, history shows the snapshot, Undo restores them byte-for-byte', async ({ openPopup, backend }) => {
  const before = backend.diskState();
  expect(Object.keys(before).length).toBeGreaterThan(0);
  const page = await openPopup();

  await page.locator(`[data-connector-id="${LINEAR}"]`).getByRole('button', { name: 'Reconnect: Linear' }).click();
  const dialog = page.getByTestId('reset-dialog');
  await expect(dialog).toHaveAccessibleName('Reconnect Linear?');
  await expect(dialog.getByTestId('reset-sentence')).toContainText('backs up');
  await dialog.getByRole('button', { name: 'Reconnect', exact: true }).click();

  const done = dialog.getByTestId('reset-done');
  await expect(done).toBeVisible();
  const snapshotId = (await done.getByTestId('snapshot-id').textContent()) ?? '';
  expect(snapshotId).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
  const movedShown = await done.getByTestId('moved-files').locator('li').count();
  const after = backend.diskState();
  const gone = Object.keys(before).filter((p) => !(p in after));
  expect(gone).toContain('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json');
  expect(movedShown).toBe(gone.length);

  await dialog.getByRole('button', { name: 'Undo' }).click();
  await expect(dialog.getByTestId('undo-done')).toBeVisible();
  expect(backend.diskState()).toEqual(before);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('tab', { name: /History/ }).click();
  const row = page.locator(`[data-snapshot-id="${snapshotId}"]`);
  await expect(row).toContainText('Reset of Linear');
  await expect(row.getByTestId('held-link').filter({ hasText: 'Linear' })).toContainText('link_5e6f…9a0b');
  // The undo took its own snapshot first (before-restore), newest on top.
  await expect(page.getByTestId('snapshot-row').first()).toContainText('Before a restore');
});

test('with Codex running, the dialog offers to quit it first and to relaunch after', async ({ openPopup, backend }) => {
  backend.codexRunning = true;
  const page = await openPopup();
  await page.getByRole('button', { name: 'Reconnect: Linear' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('codex-running')).toBeVisible();
  await dialog.getByRole('button', { name: 'Quit Codex and reconnect' }).click();
  await expect(dialog.getByTestId('reset-done')).toBeVisible();
  expect(backend.quitRequests).toBe(1);
  expect(backend.cacheFiles()).not.toContain('cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json');
  await dialog.getByRole('button', { name: 'Relaunch Codex' }).click();
  await expect(dialog.getByTestId('relaunch-status')).toHaveText('Codex is starting.');
  expect(backend.codexRunning).toBe(true);
});

test('with Codex running, "anyway" resets with force and says it takes effect after a restart', async ({ openPopup, backend }) => {
  backend.codexRunning = true;
  const page = await openPopup();
  await page.getByRole('button', { name: 'Reconnect: Linear' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Reconnect anyway' }).click();
  await expect(dialog.getByTestId('reset-done')).toContainText('takes effect when it restarts');
  expect(backend.quitRequests).toBe(0);
});

const TOOLS = 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json';

/** Resets Linear through the UI and closes the result. */
async function resetLinear(page: import('@playwright/test').Page): Promise<void> {
  await page.getByRole('button', { name: 'Reconnect: Linear' }).click();
  const dialog = page.getByTestId('reset-dialog');
  await dialog.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

test('when Codex rebuilds the cache with a new link, the popup shows old → new', async ({ openPopup, backend }) => {
  const page = await openPopup();
  await resetLinear(page);
  await expect(page.getByTestId('link-watch')).toContainText('Waiting for Codex to rebuild Linear');
  backend.regenerate(TOOLS, 'after-regeneration');
  await backend.changed(page);
  const watch = page.getByTestId('link-watch');
  await expect(watch).toHaveAttribute('data-tone', 'ok');
  await expect(watch).toContainText('Linear has a new link: link_5e6f…9a0b → link_d4c3…b0a9');
  await expect(page.locator(`[data-connector-id="${LINEAR}"]`).getByTestId('health')).toHaveText('Healthy');
});

test('when Codex brings back the same stale link, the popup says so and opens ChatGPT', async ({ openPopup, backend }) => {
  const page = await openPopup();
  await resetLinear(page);
  backend.regenerate(TOOLS, 'original');
  await backend.changed(page);
  const watch = page.getByTestId('link-watch');
  await expect(watch).toHaveAttribute('data-tone', 'attention');
  await expect(watch).toContainText('same Linear link (link_5e6f…9a0b)');
  await watch.getByRole('button', { name: 'Open Linear in ChatGPT' }).click();
  await expect.poll(() => backend.opened).toEqual(['https://chatgpt.com/apps/linear/connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0']);
});
