/**
 * The real app in real Electron (`_electron.launch`): sandbox, preload surface, IPC to the real
 * core, navigation lock-down. Runs only where `npm install` could download the Electron binary
 * (toolchain.md §2); elsewhere every test skips with one line saying why.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const electronDir = path.join(root, 'node_modules/electron');

/** The binary `npm install` downloaded, or why there is none (checked without downloading). */
function electronBinary(): { path: string } | { reason: string } {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { reason: 'Electron binary not installed (node_modules/electron/path.txt missing)' };
  const bin = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(bin)) return { reason: `Electron binary missing at ${path.relative(root, bin)}` };
  if (!fs.existsSync(path.join(root, 'dist/main/index.js'))) return { reason: 'app not built (run npm run build)' };
  return { path: bin };
}

const bin = electronBinary();
test.skip('reason' in bin, 'reason' in bin ? bin.reason : '');

let app: ElectronApplication;
let popup: Page;
let tmp: string;

test.beforeAll(async () => {
  if ('reason' in bin) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-electron-'));
  const home = path.join(tmp, 'codex-home');
  fs.cpSync(path.join(root, 'e2e/fixtures/codex-home/healthy'), home, { recursive: true });
  app = await electron.launch({
    executablePath: bin.path,
    args: [root],
    env: { ...process.env, CODEX_HOME: home, RELINK_STORE: path.join(tmp, 'store') },
  });
  popup = await app.firstWindow();
  await popup.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the popup is sandboxed: no Node in the page, window.relink has exactly the contract', async () => {
  expect(popup.url()).toBe('app://relink/index.html');
  expect(await popup.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  const keys = await popup.evaluate(() => Object.keys(window.relink ?? {}).sort());
  expect(keys).toContain('getStatus');
  expect(keys).toContain('onChanged');
  expect(keys).not.toContain('invoke');
});

test('IPC reaches the real core: the fixture connectors come back with link ids', async () => {
  const r = await popup.evaluate(() => window.relink!.getStatus());
  expect(r.ok).toBe(true);
  if (r.ok) expect(r.value.connectors.some((c) => c.linkIds.some((l) => l.startsWith('link_')))).toBe(true);
  const bad = await popup.evaluate(() => window.relink!.restoreSnapshot({ id: '../../etc/passwd' }));
  expect(bad).toMatchObject({ ok: false, code: 'bad-input' });
});

test('navigation and window.open are refused; one hidden popup window, one tray', async () => {
  await popup.evaluate(() => {
    window.location.href = 'https://evil.example/';
  });
  expect(popup.url()).toBe('app://relink/index.html');
  expect(await popup.evaluate(() => window.open('https://evil.example/') === null)).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
