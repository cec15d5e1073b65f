/**
 * The app's wiring, with the `electron` module passed in so tests drive it with a fake
 * (toolchain.md §6). Logic stays in core and in the small main modules; this only connects them.
 */
import type * as Electron from 'electron';
import type { Reply } from '../../shared/ipc';
import type { StatusReport } from '../../shared/schemas';
import type { Dispatch } from '../core/dispatch';
import { watchCaches } from '../core/watcher';
import type { WatchDir, WatchHandle } from '../core/watcher';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { bindIpc, createSenderCheck, sendChanged } from './ipc';
import { createPopupController } from './popup';
import type { PopupController } from './popup';
import { APP_SCHEME, APP_URL, hardenSession, hardenWebContents, popupWebPreferences } from './security';
import { createTrayController } from './tray';
import type { TrayController } from './tray';
import { trayStateOf } from './tray-state';
import { noticesFor } from './notify';

/** The parts of the `electron` module the app uses. */
export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'Tray' | 'Menu' | 'ipcMain' | 'protocol' | 'screen' | 'shell' | 'session' | 'nativeTheme' | 'Notification'>;

/** Paths and the core, built by the composition root. */
export interface AppOptions {
  platform: 'darwin' | 'win32' | 'linux';
  preloadPath: string;
  rendererDir: string;
  /** Absolute path of a tray icon for a state and bar darkness. */
  trayIcon: (icon: 'ok' | 'attention' | 'unknown', darkBar: boolean) => string;
  /** Builds the dispatcher; `hidePopup` lets the renderer close the popup on Esc. */
  createDispatch: (hooks: { openExternal: (url: string) => Promise<void>; hidePopup: () => void }) => Dispatch;
  /** The folder the tray's "Open Backups Folder" opens. */
  backupsDir: () => Promise<string>;
  /** CODEX_HOME to watch (may not exist yet). */
  watchHome: string;
  watchDir: WatchDir;
  readFile: (file: string) => Promise<Uint8Array>;
}

/** What a started app exposes to tests. */
export interface RunningApp {
  popup: PopupController;
  tray: TrayController;
  window: Electron.BrowserWindow;
  refresh(): Promise<Reply<StatusReport>>;
  stop(): void;
}

/** Registers what must precede `ready`, waits for it, then builds the window, tray, IPC and watcher. */
export async function startApp(e: ElectronModule, o: AppOptions): Promise<RunningApp | null> {
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit();
    return null;
  }
  e.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  const openExternal = async (url: string) => e.shell.openExternal(url);
  e.app.on('web-contents-created', (_ev, contents) => hardenWebContents(contents, (url) => void openExternal(url)));
  // A tray app keeps running with its popup hidden; no window-all-closed quit.
  e.app.on('window-all-closed', () => undefined);
  await e.app.whenReady();

  hardenSession(e.session.defaultSession);
  e.protocol.handle(APP_SCHEME, createAppProtocolHandler(o.rendererDir, o.readFile));
  const window = createPopupWindow(e, o);
  const popup = createPopupController({ window, screen: e.screen, platform: o.platform });
  const dispatch = o.createDispatch({ openExternal, hidePopup: () => popup.hide() });
  const unbind = bindIpc(e.ipcMain, dispatch, createSenderCheck(() => (window.isDestroyed() ? null : window.webContents)));

  const tray: TrayController = createTrayController(
    {
      createTray: (icon) => new e.Tray(icon),
      buildMenu: (items) => e.Menu.buildFromTemplate(items),
      iconPath: (s) => o.trayIcon(s.icon, e.nativeTheme.shouldUseDarkColors),
      platform: o.platform,
      actions: {
        open: () => popup.show(tray._getTray()?.getBounds()),
        toggle: (bounds) => popup.toggle(bounds),
        refresh: () => void refresh(),
        openBackups: () => void o.backupsDir().then((dir) => e.shell.openPath(dir)),
        quit: () => e.app.quit(),
        getLaunchAtLogin: () => e.app.getLoginItemSettings().openAtLogin,
        setLaunchAtLogin: (on) => e.app.setLoginItemSettings({ openAtLogin: on }),
      },
    },
    trayStateOf(null),
  );

  // One scan at a time; a change that lands during a scan triggers exactly one more scan.
  let inFlight: Promise<Reply<StatusReport>> | null = null;
  let dirty = false;
  const announced = new Set<string>();
  const scanOnce = async (): Promise<Reply<StatusReport>> => {
    const r = (await dispatch('getStatus', undefined)) as Reply<StatusReport>;
    tray.setState(trayStateOf(r));
    if (r.ok && e.Notification.isSupported()) {
      for (const n of noticesFor(r.value, announced)) {
        const note = new e.Notification({ title: n.title, body: n.body });
        note.on('click', () => popup.show(tray._getTray()?.getBounds()));
        note.show();
      }
    }
    sendChanged(window.isDestroyed() ? null : window.webContents);
    return r;
  };
  const refresh = (): Promise<Reply<StatusReport>> => {
    if (inFlight) {
      dirty = true;
      return inFlight;
    }
    inFlight = scanOnce().finally(() => {
      inFlight = null;
      if (dirty) {
        dirty = false;
        void refresh();
      }
    });
    return inFlight;
  };

  const watcher: WatchHandle = watchCaches({ codexHome: o.watchHome, watchDir: o.watchDir, onChange: () => void refresh() });
  e.nativeTheme.on('updated', () => void refresh());
  e.app.on('second-instance', () => popup.show(tray._getTray()?.getBounds()));
  const stop = () => {
    watcher.close();
    unbind();
    tray.destroy();
  };
  e.app.on('before-quit', stop);
  void refresh();
  return { popup, tray, window, refresh, stop };
}

/** The frameless, pre-created hidden popup window. */
function createPopupWindow(e: ElectronModule, o: AppOptions): Electron.BrowserWindow {
  const win = new e.BrowserWindow({
    width: 360,
    height: 520,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'Relink',
    webPreferences: popupWebPreferences(o.preloadPath),
  });
  // Show on the active Space without turning into a foreground app (electron#37832).
  if (o.platform === 'darwin') win.setVisibleOnAllWorkspaces(true, { skipTransformProcessType: true });
  void win.loadURL(APP_URL + 'index.html');
  return win;
}
