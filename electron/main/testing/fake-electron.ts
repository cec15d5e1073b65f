/**
 * Test-only: a hand-written fake of the `electron` module parts Relink's main uses
 * (toolchain.md §6). Records what main registers so tests can assert and drive it.
 */
import { EventEmitter } from 'node:events';

type Fn = (...args: any[]) => any;

/** A fake webContents with a main frame at `url`. */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: unknown[][] = [];
  readonly mainFrame = { url: '', parent: null, processId: 7, routingId: this.id };
  windowOpenHandler: Fn | null = null;
  destroyed = false;
  isDestroyed = () => this.destroyed;
  send = (...args: unknown[]) => void this.sent.push(args);
  setWindowOpenHandler = (h: Fn) => void (this.windowOpenHandler = h);
}

/** A fake BrowserWindow; every instance is kept in `FakeBrowserWindow.all`. */
export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static onCreate: ((w: FakeBrowserWindow) => void) | null = null;
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  position: [number, number] = [0, 0];
  loadedUrl = '';
  allWorkspaces: unknown[] = [];
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.all.push(this);
    FakeBrowserWindow.onCreate?.(this);
  }
  isDestroyed = () => this.destroyed;
  isVisible = () => this.visible;
  show = () => void (this.visible = true);
  hide = () => void (this.visible = false);
  focus = () => undefined;
  getSize = () => [this.options.width as number, this.options.height as number];
  setPosition = (x: number, y: number) => void (this.position = [x, y]);
  setVisibleOnAllWorkspaces = (...a: unknown[]) => void this.allWorkspaces.push(a);
  loadURL = async (url: string) => {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  };
}

/** A fake Notification; shown ones are kept in `FakeNotification.shown`. */
export class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = [];
  static supported = true;
  static isSupported = () => FakeNotification.supported;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show = () => void FakeNotification.shown.push(this);
}

/** A fake Tray; every instance is kept in `FakeTray.all`. */
export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  image: string;
  tooltip = '';
  title = '';
  contextMenu: unknown = null;
  destroyed = false;
  constructor(image: string) {
    super();
    this.image = image;
    FakeTray.all.push(this);
  }
  setImage = (p: string) => void (this.image = p);
  setToolTip = (t: string) => void (this.tooltip = t);
  setTitle = (t: string) => void (this.title = t);
  setContextMenu = (m: unknown) => void (this.contextMenu = m);
  popUpContextMenu = () => undefined;
  setIgnoreDoubleClickEvents = () => undefined;
  getBounds = () => ({ x: 1200, y: 0, width: 22, height: 24 });
  destroy = () => void (this.destroyed = true);
}

/** Builds a fresh fake `electron` module and the handles tests use to inspect it. */
export function createFakeElectron(opts: { gotLock?: boolean } = {}) {
  FakeBrowserWindow.all = [];
  FakeTray.all = [];
  FakeNotification.shown = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitCalls: 0,
    loginItem: { openAtLogin: false },
    requestSingleInstanceLock: () => opts.gotLock ?? true,
    quit: () => void app.quitCalls++,
    exit: (code: number) => void (app.exitCode = code),
    exitCode: null as number | null,
    whenReady: () => Promise.resolve(),
    getVersion: () => '0.1.0-test',
    getLoginItemSettings: () => ({ ...app.loginItem }),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => void (app.loginItem = { openAtLogin: s.openAtLogin }),
  });
  const handlers = new Map<string, Fn>();
  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, Fn>(),
    registerSchemesAsPrivileged: (s: unknown[]) => void protocol.privileged.push(...s),
    handle: (scheme: string, h: Fn) => void protocol.handlers.set(scheme, h),
  };
  const sessionHandlers: Record<string, Fn> = {};
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: { buildFromTemplate: (items: unknown[]) => ({ items }) },
    ipcMain: { handle: (ch: string, h: Fn) => void handlers.set(ch, h), removeHandler: (ch: string) => void handlers.delete(ch) },
    protocol,
    screen: {
      getCursorScreenPoint: () => ({ x: 100, y: 10 }),
      getAllDisplays: () => [{ bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } }],
    },
    shell: {
      opened: [] as string[],
      openedPaths: [] as string[],
      openExternal: async (url: string) => void electron.shell.opened.push(url),
      openPath: async (p: string) => (electron.shell.openedPaths.push(p), ''),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Fn) => void (sessionHandlers.request = h),
        setPermissionCheckHandler: (h: Fn) => void (sessionHandlers.check = h),
        setDevicePermissionHandler: (h: Fn) => void (sessionHandlers.device = h),
      },
    },
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
  };
  return { electron, handlers, sessionHandlers };
}

/** Puts `exports` in the CJS cache as `electron`, so `import 'electron'` gets the fake. */
export function seedElectron(exports: unknown): void {
  const id = require.resolve('electron');
  require.cache[id] = { id, filename: id, loaded: true, exports } as unknown as NodeJS.Module;
}
