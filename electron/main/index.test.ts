import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RELINK_METHODS, channelOf } from '../../shared/ipc';
import { createFakeElectron, seedElectron } from './testing/fake-electron';

test('index.ts boots the real composition root against a fake electron (toolchain.md §6)', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-index-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const home = path.join(root, 'codex-home');
  fs.cpSync(path.join(__dirname, '../../e2e/fixtures/codex-home/healthy'), home, { recursive: true });
  process.env.CODEX_HOME = home;
  process.env.RELINK_STORE = path.join(root, 'store');

  const f = createFakeElectron();
  seedElectron(f.electron);
  const { started } = await import('./index');
  const app = await started;
  assert.ok(app, 'started');
  t.after(() => app.stop());

  assert.deepEqual([...f.handlers.keys()].sort(), RELINK_METHODS.map(channelOf).sort());
  const win = f.electron.BrowserWindow.all[0]!;
  assert.match(String(win.options.webPreferences.preload), /preload[\\/]index\.js$/);
  assert.equal(win.options.webPreferences.sandbox, true);
  const r = await f.handlers.get(channelOf('getStatus'))!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, undefined);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.codexHome, fs.realpathSync(home));
  await app.refresh();
  const tray = f.electron.Tray.all[0]!;
  assert.match(tray.image, /build[\\/]tray[\\/]tray-ok-light\.png$/);
  assert.ok(fs.existsSync(tray.image), 'the icon file exists in build/tray');
  const opened = new Promise<string>((resolve) => {
    f.electron.shell.openPath = async (p: string) => (resolve(p), '');
  });
  app.tray._menuItems().find((i) => i.id === 'open-backups')!.click!();
  assert.equal(await opened, path.join(root, 'store'));
});
