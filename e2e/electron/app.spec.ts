/**
 * The real Electron app (`_electron.launch`), for machines that have the Electron binary.
 *
 * Electron ships its binary through a download this team's machines cannot make
 * (toolchain.md §2), so the spec skips with a one-line reason unless
 * `node_modules/electron/path.txt` names an existing binary under `node_modules/electron/dist/`.
 * Run `npm run build` first: it launches `dist/main/index.js`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { copyFixture } from '../harness';

const ROOT = path.resolve(__dirname, '..', '..');

/** The Electron binary, or why there is none. */
function electronBinary(): { path: string } | { reason: string } {
  const txt = path.join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(txt)) return { reason: 'no Electron binary here (node_modules/electron/path.txt missing; the download is blocked)' };
  const bin = path.join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(txt, 'utf8').trim());
  if (!existsSync(bin)) return { reason: `no Electron binary here (${path.relative(ROOT, bin)} missing)` };
  if (!existsSync(path.join(ROOT, 'dist', 'main', 'index.js'))) return { reason: 'dist/main/index.js missing: run npm run build first' };
  return { path: bin };
}

const found = electronBinary();
test.skip('reason' in found, 'reason' in found ? found.reason : '');

test('the app starts with a sandboxed popup that lists the fixture connectors', async () => {
  if ('reason' in found) return;
  const root = mkdtempSync(path.join(tmpdir(), 'relink-electron-'));
  const home = path.join(root, 'codex-home');
  copyFixture('healthy', home);
  const app = await electron.launch({
    executablePath: found.path,
    args: [ROOT],
    env: { ...process.env, CODEX_HOME: home, RELINK_STORE: path.join(root, 'backups') } as Record<string, string>,
  });
  try {
    const popup = await app.firstWindow();
    await expect(popup.locator('[data-app-state="ready"]')).toBeAttached();
    await expect(popup.getByTestId('connector-row')).toHaveCount(4);
    // Renderer isolation (reliability.md §7 case 77): no Node globals, only the named bridge.
    expect(await popup.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
    expect(await popup.evaluate(() => Object.keys(window.relink ?? {}).sort())).toContain('getStatus');
    expect(popup.url()).toMatch(/^app:\/\/relink\//);
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
});
