#!/usr/bin/env node
// Smoke test of a packaged app.asar (≈ 0.1 s): the expected files are inside, no sources or
// maps leaked, and main + preload load with a stub `electron`, registering every IPC channel
// and exposing `window.relink`. Prints one JSON line; exits 1 on any problem.
// Usage: node .ci/smoke-asar.cjs [resourcesDir=.cache/stub-release/linux-unpacked/resources]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const REQUIRED = ['package.json', 'dist/main/index.js', 'dist/main/parse-worker.js', 'dist/preload/index.js', 'dist/renderer/index.html'];

/** A stub `electron` that records channels, schemes and exposed keys while main starts up. */
function stubElectron(seen) {
  const { EventEmitter } = require('node:events');
  const noop = () => undefined;
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true, requestSingleInstanceLock: () => true, whenReady: () => Promise.resolve(), quit: noop, exit: noop,
    getVersion: () => '0.0.0', getLoginItemSettings: () => ({ openAtLogin: false }), setLoginItemSettings: noop,
  });
  class Win extends EventEmitter {
    constructor() {
      super();
      this.webContents = Object.assign(new EventEmitter(), { isDestroyed: () => false, send: noop, mainFrame: { url: '' } });
    }
    isDestroyed() { return false; }
    isVisible() { return false; }
    setVisibleOnAllWorkspaces() {}
    loadURL() { return Promise.resolve(); }
  }
  class Tray extends EventEmitter {
    setImage() {} setToolTip() {} setTitle() {} setContextMenu() {} setIgnoreDoubleClickEvents() {} destroy() {}
  }
  return {
    app,
    protocol: { registerSchemesAsPrivileged: (s) => seen.schemes.push(...s.map((x) => x.scheme)), handle: (s) => seen.handled.push(s) },
    ipcMain: { handle: (ch) => seen.channels.push(ch), removeHandler: noop },
    contextBridge: { exposeInMainWorld: (k, api) => seen.exposed.push(k, ...Object.keys(api)) },
    ipcRenderer: { invoke: async () => undefined, on: noop, removeListener: noop },
    BrowserWindow: Win, Tray, Menu: { buildFromTemplate: () => ({}) },
    Notification: class extends EventEmitter { static isSupported() { return false; } show() {} },
    screen: { getCursorScreenPoint: () => ({ x: 0, y: 0 }), getAllDisplays: () => [] },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    session: { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop, setDevicePermissionHandler: noop } },
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
  };
}

async function smoke(resourcesDir) {
  const asar = require('@electron/asar');
  const archive = path.join(resourcesDir, 'app.asar');
  const files = asar.listPackage(archive).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
  const problems = REQUIRED.filter((f) => !files.includes(f)).map((f) => `missing ${f}`);
  for (const f of files) if (/\.map$|\.tsx?$|^node_modules\//.test(f)) problems.push(`should not ship ${f}`);
  if (!fs.existsSync(path.join(resourcesDir, 'tray', 'tray-okTemplate.png'))) problems.push('missing resources/tray icons');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-asar-'));
  const seen = { channels: [], exposed: [], schemes: [], handled: [] };
  const env = { CODEX_HOME: process.env.CODEX_HOME, RELINK_STORE: process.env.RELINK_STORE };
  const load = Module._load;
  try {
    asar.extractAll(archive, dir);
    // Never let the smoke test scan or watch this machine's real ~/.codex.
    process.env.CODEX_HOME = path.join(dir, 'no-codex-home');
    process.env.RELINK_STORE = path.join(dir, 'no-store');
    const stub = stubElectron(seen);
    // Electron sets this for packaged apps; main finds its tray icons there.
    if (process.resourcesPath === undefined) process.resourcesPath = resourcesDir;
    Module._load = function (request, ...rest) {
      return request === 'electron' ? stub : load.call(this, request, ...rest);
    };
    const started = await require(path.join(dir, 'dist/main/index.js')).started;
    require(path.join(dir, 'dist/preload/index.js'));
    if (!started) seen.problems = ['main did not start'];
    stub.app.emit('before-quit');
  } finally {
    Module._load = load;
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (seen.problems) problems.push(...seen.problems);
  if (seen.schemes.length === 0 || seen.handled.length === 0) problems.push('main registered no app:// scheme');
  if (seen.channels.length === 0) problems.push('main bound no IPC channel');
  if (!seen.exposed.includes('relink')) problems.push('preload exposed no window.relink');
  return { files: files.length, schemes: seen.schemes, channels: seen.channels, exposed: seen.exposed, problems };
}

module.exports = { smoke, REQUIRED };

if (require.main === module) {
  smoke(process.argv[2] || '.cache/stub-release/linux-unpacked/resources').then(
    (r) => {
      console.log(JSON.stringify(r));
      if (r.problems.length > 0) process.exit(1);
    },
    (err) => {
      console.error(String((err && err.message) || err).split('\n')[0]);
      process.exit(1);
    },
  );
}
