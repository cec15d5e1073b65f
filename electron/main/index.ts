/**
 * The Electron entry point: builds the real world (fs, env, probe, core api) and starts the app.
 *
 * The only composition root of the desktop app (style.md §5); `app.ts` holds the wiring.
 */
import * as electron from 'electron';
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRelinkApi, processControlPort } from '../core/api';
import { resolveCodexHome } from '../core/codex-home';
import { processEnv, systemClock } from '../core/deps';
import type { Env } from '../core/deps';
import { createDispatcher } from '../core/dispatch';
import { createNodeFs } from '../core/fs-facade';
import { createCommandRunner, createProcessControl } from '../core/process-control';
import { createSystemProbe } from '../core/process-probe';
import { resolveStoreDir } from '../core/store/index';
import { startApp } from './app';
import { nodeWatchDir } from './node-watch';
import { trayIconFile } from './tray-state';

const platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
const env: Env = processEnv(os.homedir());
const fs = createNodeFs();
const probe = createSystemProbe({ platform: process.platform, selfPid: process.pid });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const control = createProcessControl({ platform: process.platform, probe, run: createCommandRunner(), sleep });
const processControl = processControlPort(control);
const codexHome = path.resolve(env.CODEX_HOME || path.join(env.home, '.codex'));
// Packaged: icons ship as extraResources; from a checkout they live in build/tray.
const iconsDir = electron.app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(__dirname, '../../build/tray');

/** Resolves once the app is up (or null when another instance already runs); tests await it. */
export const started = startApp(electron, {
  platform,
  preloadPath: path.join(__dirname, '../preload/index.js'),
  rendererDir: path.join(__dirname, '../renderer'),
  trayIcon: (icon, dark) => path.join(iconsDir, trayIconFile(icon, platform, dark)),
  createDispatch: ({ openExternal, hidePopup }) =>
    createDispatcher(
      createRelinkApi({
        fs,
        clock: systemClock,
        env,
        codexHome,
        probe,
        processControl,
        ladder: { control, sleep },
        openExternal,
        hidePopup,
        appVersion: electron.app.getVersion(),
      }),
    ),
  backupsDir: async () => {
    const home = await resolveCodexHome(fs, env);
    return resolveStoreDir(home.ok ? home.path : codexHome, env);
  },
  watchHome: codexHome,
  watchDir: nodeWatchDir,
  readFile: (file) => readFile(file),
}).catch((err: unknown) => {
  console.error(`Relink could not start: ${err instanceof Error ? err.message : String(err)}`);
  electron.app.exit(1);
  return null;
});
