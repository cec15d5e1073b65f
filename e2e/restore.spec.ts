/**
 * Used-by flow 3: restoring a backup from the history list. The diff comes first, the restore
 * writes the snapshot's bytes back, and Undo returns the cache to how it was just before.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from './harness';
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const TOOLS = 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json';

test.use({ home: { fixture: 'stale-link' } });

test('pick a snapshot, see the diff, confirm: files restored; Undo puts the newer files back', async ({ openPopup, backend }) => {
  // Arrange: a reset snapshot holding the stale link, then Codex rebuilt the cache with a new one.
  const original = backend.diskState();
  const reset = await backend.dispatch('resetConnector', { connectorId: LINEAR });
  expect(reset.ok).toBe(true);
  const snapId = reset.ok ? (reset.value as { snapshot: { id: string } }).snapshot.id : '';
  backend.regenerate(TOOLS, 'after-regeneration');
  const regenerated = backend.diskState();

  const page = await openPopup();
  await expect(page.locator(`[data-connector-id="${LINEAR}"]`).getByTestId('link-id')).toHaveAttribute('data-full', 'link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9');
  await page.getByRole('tab', { name: /History/ }).click();
  const row = page.locator(`[data-snapshot-id="${snapId}"]`);
  await expect(row.getByTestId('since')).toContainText('Since then: 1 link changed');
  await row.getByRole('button', { name: /^Restore/ }).click();

  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog.getByTestId('restore-diff')).toBeVisible();
  await expect(dialog.getByTestId('diff-connector')).toHaveText(['Linear: link_d4c3…b0a9 → link_5e6f…9a0b']);
  expect(backend.diskState(), 'nothing changes before confirming').toEqual(regenerated);
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

  await expect(dialog.getByTestId('restore-done')).toBeVisible();
  expect(backend.diskState()).toEqual(original);
  expect(readFileSync(backend.file(TOOLS))).toEqual(readFileSync(path.join(FIXTURES, 'stale-link', TOOLS)));
  const undoId = await dialog.getByTestId('undo-snapshot-id').textContent();

  await dialog.getByRole('button', { name: 'Undo' }).click();
  await expect(dialog.getByTestId('undo-done')).toBeVisible();
  expect(backend.diskState()).toEqual(regenerated);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-snapshot-id="${undoId}"]`)).toContainText('Before a restore');
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await expect(page.locator(`[data-connector-id="${LINEAR}"]`).getByTestId('link-id')).toHaveAttribute('data-full', 'link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9');
});

test('Cancel after the diff changes nothing', async ({ openPopup, backend }) => {
  const reset = await backend.dispatch('resetConnector', { connectorId: LINEAR });
  expect(reset.ok).toBe(true);
  const before = backend.diskState();
  const page = await openPopup();
  await page.getByRole('tab', { name: /History/ }).click();
  await page.getByTestId('snapshot-row').first().getByRole('button', { name: /^Restore/ }).click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog.getByTestId('restore-diff')).toContainText('Writes back 2 files');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(backend.diskState()).toEqual(before);
});

test('labels are editable and saved in the snapshot', async ({ openPopup, backend }) => {
  const reset = await backend.dispatch('resetConnector', { connectorId: LINEAR });
  const id = reset.ok ? (reset.value as { snapshot: { id: string } }).snapshot.id : '';
  const page = await openPopup();
  await page.getByRole('tab', { name: /History/ }).click();
  const row = page.locator(`[data-snapshot-id="${id}"]`);
  await row.getByRole('button', { name: 'Add label' }).click();
  await row.getByRole('textbox', { name: 'Backup label' }).fill('before the workspace switch');
  await row.getByRole('textbox', { name: 'Backup label' }).press('Enter');
  await expect(row.getByRole('button', { name: 'Edit label: before the workspace switch' })).toBeVisible();
  const list = await backend.dispatch('listSnapshots', undefined);
  expect(list.ok && (list.value as { id: string; label: string | null }[]).find((s) => s.id === id)?.label).toBe('before the workspace switch');
});

test('with Codex running, restore offers to quit it first, then to relaunch it', async ({ openPopup, backend }) => {
  const reset = await backend.dispatch('resetConnector', { connectorId: LINEAR });
  expect(reset.ok).toBe(true);
  backend.codexRunning = true;
  const page = await openPopup();
  await page.getByRole('tab', { name: /History/ }).click();
  await page.getByTestId('snapshot-row').first().getByRole('button', { name: /^Restore/ }).click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog.getByTestId('codex-running')).toBeVisible();
  await dialog.getByRole('button', { name: 'Quit Codex and restore' }).click();
  await expect(dialog.getByTestId('restore-done')).toBeVisible();
  expect(backend.quitRequests).toBe(1);
  expect(backend.cacheFiles()).toContain(TOOLS);
  await dialog.getByRole('button', { name: 'Relaunch Codex' }).click();
  await expect(dialog.getByTestId('relaunch-status')).toHaveText('Codex is starting.');
});

test('a damaged backup is refused before anything changes', async ({ openPopup, backend }) => {
  const reset = await backend.dispatch('resetConnector', { connectorId: LINEAR });
  const id = reset.ok ? (reset.value as { snapshot: { id: string } }).snapshot.id : '';
  // Flip one byte of the backed-up tools file (reliability.md §7 case 23).
  const copy = path.join(backend.storeDir, 'backups', id, 'files', 'codex_apps_tools', path.basename(TOOLS));
  const bytes = readFileSync(copy);
  bytes[10] = bytes[10]! ^ 0x01;
  writeFileSync(copy, bytes);
  const before = backend.diskState();
  const page = await openPopup();
  await page.getByRole('tab', { name: /History/ }).click();
  await page.locator(`[data-snapshot-id="${id}"]`).getByRole('button', { name: /^Restore/ }).click();
  const dialog = page.getByTestId('restore-dialog');
  // The diff reads the manifest, so it still shows; the restore verifies every hash first.
  await expect(dialog.getByTestId('restore-diff')).toBeVisible();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  const failed = dialog.getByTestId('action-failed');
  await expect(failed).toHaveAttribute('data-code', 'damaged');
  await expect(failed).toContainText('Nothing was moved: your cache files are as they were.');
  expect(backend.diskState()).toEqual(before);
});
