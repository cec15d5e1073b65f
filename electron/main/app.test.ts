import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHANGED_EVENT, RELINK_METHODS, channelOf } from '../../shared/ipc';
import type { StatusReport } from '../../shared/schemas';
import { createRelinkApi } from '../core/api';
import { createDispatcher } from '../core/dispatch';
import { LINEAR, NOW, STALE_TOOLS, staleHome } from '../core/evidence/test-fixture';
import { createNodeFs } from '../core/fs-facade';
import type { ElectronModule } from './app';
import { startApp } from './app';
import { nodeWatchDir } from './node-watch';
import { CSP, WEB_PREFERENCES } from './security';
import { FakeNotification, FakeWebContents, createFakeElectron } from './testing/fake-electron';

const roots: string[] = [];
after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

async function boot(opts: { gotLock?: boolean } = {}) {
  const { home, root } = staleHome();
  roots.push(root);
  const storeDir = path.join(root, 'store');
  const renderer = path.join(root, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Relink</title>');
  const f = createFakeElectron(opts);
  const app = await startApp(f.electron as unknown as ElectronModule, {
    platform: 'darwin',
    preloadPath: '/app/dist/preload/index.js',
    rendererDir: renderer,
    trayIcon: (icon, dark) => `/icons/${icon}-${dark ? 'dark' : 'light'}.png`,
    createDispatch: (hooks) =>
      createDispatcher(
        createRelinkApi({
          fs: createNodeFs({ noSync: true }),
          clock: { now: () => NOW },
          env: { home: root, platform: 'linux' },
          codexHome: home,
          storeDir,
          probe: { list: async () => [] },
          openExternal: hooks.openExternal,
          hidePopup: hooks.hidePopup,
          appVersion: '0.1.0-test',
        }),
      ),
    backupsDir: async () => storeDir,
    watchHome: home,
    watchDir: nodeWatchDir,
    readFile: (file) => fs.promises.readFile(file),
  });
  if (app) after(() => app.stop());
  return { ...f, app, home, storeDir };
}

/** The event a message from the popup's main frame carries. */
function trustedEvent(win: { webContents: FakeWebContents }) {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

test('a second instance quits at once and builds nothing', async () => {
  const b = await boot({ gotLock: false });
  assert.equal(b.app, null);
  assert.equal(b.electron.app.quitCalls, 1);
  assert.equal(b.handlers.size, 0);
  assert.equal(b.electron.BrowserWindow.all.length, 0);
});

test('startup: secure hidden frameless popup on app://relink, protocol with CSP, deny-all permissions, every channel bound', async () => {
  const b = await boot();
  assert.ok(b.app);
  const [win] = b.electron.BrowserWindow.all;
  assert.equal(b.electron.BrowserWindow.all.length, 1);
  assert.equal(win!.options.show, false);
  assert.equal(win!.options.frame, false);
  assert.equal(win!.options.skipTaskbar, true);
  assert.deepEqual(win!.options.webPreferences, { ...WEB_PREFERENCES, preload: '/app/dist/preload/index.js' });
  assert.equal(win!.loadedUrl, 'app://relink/index.html');
  assert.equal(win!.allWorkspaces.length, 1, 'macOS: visible on all workspaces');
  assert.deepEqual((b.electron.protocol.privileged[0] as { scheme: string }).scheme, 'app');
  const res: Response = await b.electron.protocol.handlers.get('app')!({ url: 'app://relink/index.html', method: 'GET' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), CSP);
  let granted: boolean | null = null;
  b.sessionHandlers.request!({}, 'media', (g: boolean) => (granted = g));
  assert.equal(granted, false);
  assert.deepEqual([...b.handlers.keys()].sort(), RELINK_METHODS.map(channelOf).sort());
});

test('every webContents created later is hardened', async () => {
  const b = await boot();
  const wc = new FakeWebContents();
  b.electron.app.emit('web-contents-created', {}, wc);
  const ev = { url: 'https://evil.example/', defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  wc.emit('will-navigate', ev);
  assert.equal(ev.defaultPrevented, true);
  assert.deepEqual(wc.windowOpenHandler!({ url: 'https://chatgpt.com/apps' }), { action: 'deny' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(b.electron.shell.opened, ['https://chatgpt.com/apps'], 'allow-listed link opened in the browser instead');
});

test('IPC: the popup gets the real scan; foreign senders are refused', async () => {
  const b = await boot();
  const win = b.electron.BrowserWindow.all[0]!;
  const status = b.handlers.get(channelOf('getStatus'))!;
  const r = await status(trustedEvent(win), undefined);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal((r.value as StatusReport).connectors.find((c) => c.id === LINEAR)?.health, 'needs-reauth');
  const other = new FakeWebContents();
  other.mainFrame.url = 'app://relink/index.html';
  assert.equal((await status({ sender: other, senderFrame: other.mainFrame }, undefined)).code, 'untrusted-sender');
  assert.equal((await status({ sender: win.webContents, senderFrame: null }, undefined)).code, 'untrusted-sender');
  const bad = await b.handlers.get(channelOf('restoreSnapshot'))!(trustedEvent(win), { id: '../../../etc/passwd' });
  assert.equal(bad.code, 'bad-input');
});

test('tray: shows the attention icon and count from the real scan; menu actions work', async () => {
  const b = await boot();
  await b.app!.refresh();
  const tray = b.electron.Tray.all[0]!;
  assert.equal(tray.image, '/icons/attention-light.png');
  assert.equal(tray.title, '1');
  assert.equal(tray.tooltip, 'Relink: 1 connector needs reconnecting');
  const items = (b.app!.tray._menuItems());
  items.find((i) => i.id === 'open-backups')!.click!();
  items.find((i) => i.id === 'launch-at-login')!.click!();
  items.find((i) => i.id === 'quit')!.click!();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(b.electron.shell.openedPaths, [b.storeDir]);
  assert.equal(b.electron.app.loginItem.openAtLogin, true);
  assert.equal(b.electron.app.quitCalls, 1);
});

test('notifications: the stale link is announced once, and a click opens the popup', async () => {
  const b = await boot();
  await b.app!.refresh();
  await b.app!.refresh();
  const shown = FakeNotification.shown;
  assert.equal(shown.length, 1, 'once, not on every scan');
  assert.equal(shown[0]!.options.title, 'Linear needs reconnecting');
  const win = b.electron.BrowserWindow.all[0]!;
  assert.equal(win.visible, false);
  shown[0]!.emit('click');
  assert.equal(win.visible, true);
});

test('popup: tray click toggles it under the icon; blur and hidePopup hide it', async () => {
  const b = await boot();
  const win = b.electron.BrowserWindow.all[0]!;
  const tray = b.electron.Tray.all[0]!;
  tray.emit('click', {}, { x: 1200, y: 0, width: 22, height: 24 });
  assert.equal(win.visible, true);
  assert.deepEqual(win.position, [1031, 25]);
  win.emit('blur');
  assert.equal(win.visible, false);
  b.app!.popup.show();
  const r = await b.handlers.get(channelOf('hidePopup'))!(trustedEvent(win), undefined);
  assert.deepEqual(r, { ok: true, value: { hidden: true } });
  assert.equal(win.visible, false);
});

test('live refresh: Codex rewriting a cache file notifies the popup and updates the tray', async () => {
  const b = await boot();
  await b.app!.refresh();
  const win = b.electron.BrowserWindow.all[0]!;
  const tray = b.electron.Tray.all[0]!;
  const sentBefore = win.webContents.sent.length;
  const changed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no status:changed within 10 s')), 10_000);
    const send = win.webContents.send;
    win.webContents.send = (...args: unknown[]) => {
      send(...args);
      if (args[0] === CHANGED_EVENT && tray.image.includes('ok')) {
        clearTimeout(timer);
        resolve();
      }
    };
  });
  // Codex's atomic rewrite with the regenerated tools file (new Linear link, fixture README).
  const fixture = path.join(__dirname, '../../e2e/fixtures/codex-home/stale-link/after-regeneration', STALE_TOOLS);
  const tmp = path.join(b.home, 'cache/codex_apps_tools/.tmpRegen');
  fs.copyFileSync(fixture, tmp);
  const later = new Date('2026-05-27T18:30:00Z');
  fs.utimesSync(tmp, later, later);
  fs.renameSync(tmp, path.join(b.home, STALE_TOOLS));
  await changed;
  assert.ok(win.webContents.sent.length > sentBefore);
  assert.equal(tray.title, '');
});

test('quit stops the watcher, unbinds IPC and removes the tray', async () => {
  const b = await boot();
  b.electron.app.emit('before-quit');
  assert.equal(b.handlers.size, 0);
  assert.equal(b.electron.Tray.all[0]!.destroyed, true);
});

test('refreshes never overlap, and a change during a scan causes exactly one more scan', async () => {
  const b = await boot();
  await b.app!.refresh();
  const win = b.electron.BrowserWindow.all[0]!;
  const before = win.webContents.sent.length;
  const first = b.app!.refresh();
  const second = b.app!.refresh();
  const third = b.app!.refresh();
  assert.equal(first, second, 'joined the running scan');
  assert.equal(second, third);
  await first;
  const rescan = new Promise<void>((resolve) => {
    const send = win.webContents.send;
    win.webContents.send = (...args: unknown[]) => {
      send(...args);
      resolve();
      return undefined;
    };
  });
  await rescan;
  assert.equal(win.webContents.sent.length, before + 2, 'one scan for the burst, one follow-up');
});
