/**
 * The recovery ladder from the popup: with consent it quits Codex Desktop, resets, relaunches,
 * and either finds a new link or sends the user to ChatGPT. Codex Desktop itself is scripted
 * (the harness's process control); the reset, the scans and the cache files are real.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from './harness';
import { expect, test } from './test';

const LINEAR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const TOOLS = 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json';

test.use({ home: { fixture: 'stale-link' } });

async function startLadder(page: import('@playwright/test').Page) {
  const row = page.locator(`[data-connector-id="${LINEAR}"]`);
  await row.getByRole('button', { name: 'Details: Linear' }).click();
  await row.getByRole('button', { name: 'Try recovery steps…' }).click();
  return page.getByTestId('ladder-dialog');
}

test('quit, reset, relaunch: Codex rebuilds the cache with a new link and Linear works again', async ({ openPopup, backend }) => {
  backend.codexRunning = true;
  backend.onLaunch = () => backend.regenerate(TOOLS, 'after-regeneration');
  const page = await openPopup();
  const dialog = await startLadder(page);
  await expect(dialog.getByRole('checkbox', { name: 'Let Relink quit and relaunch Codex Desktop' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Start' }).click();
  const done = dialog.getByTestId('ladder-done');
  await expect(done).toHaveAttribute('data-healthy', 'true');
  await expect(done).toContainText('Linear works again: link_5e6f…9a0b → link_d4c3…b0a9');
  await expect(done.locator('[data-step="quit-desktop"]')).toHaveAttribute('data-outcome', 'ok');
  await expect(done.locator('[data-step="reset"]')).toHaveAttribute('data-outcome', 'ok');
  await expect(done.locator('[data-step="relaunch"]')).toHaveAttribute('data-outcome', 'ok');
  expect(readFileSync(backend.file(TOOLS))).toEqual(readFileSync(path.join(FIXTURES, 'stale-link', 'after-regeneration', TOOLS)));
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator(`[data-connector-id="${LINEAR}"]`).getByTestId('health')).toHaveText('Healthy');
  await page.getByRole('tab', { name: /History/ }).click();
  await expect(page.getByTestId('snapshot-row').first()).toContainText('Reset of Linear');
});

test('the same link comes back: the ladder opens Linear in ChatGPT', async ({ openPopup, backend }) => {
  backend.codexRunning = true;
  backend.onLaunch = () => backend.regenerate(TOOLS, 'original');
  const page = await openPopup();
  const dialog = await startLadder(page);
  await dialog.getByRole('button', { name: 'Start' }).click();
  const done = dialog.getByTestId('ladder-done');
  await expect(done).toHaveAttribute('data-healthy', 'false');
  await expect(done.locator('[data-step="reconnect-in-chatgpt"]')).toHaveAttribute('data-outcome', 'ok');
  expect(backend.opened).toEqual([`https://chatgpt.com/apps/linear/${LINEAR}`]);
});

test('without consent to quit Codex, the ladder stops and asks; allowing it continues', async ({ openPopup, backend }) => {
  backend.codexRunning = true;
  backend.onLaunch = () => backend.regenerate(TOOLS, 'after-regeneration');
  const page = await openPopup();
  const dialog = await startLadder(page);
  await dialog.getByRole('checkbox', { name: 'Let Relink quit and relaunch Codex Desktop' }).uncheck();
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(dialog.locator('[data-step="quit-desktop"]')).toHaveAttribute('data-outcome', 'needs-confirmation');
  expect(backend.cacheFiles()).toContain(TOOLS);
  expect(backend.quitRequests).toBe(0);
  await dialog.getByRole('button', { name: 'Allow quitting Codex and continue' }).click();
  await expect(dialog.getByTestId('ladder-done')).toHaveAttribute('data-healthy', 'true');
  expect(backend.quitRequests).toBe(1);
});
