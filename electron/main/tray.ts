/**
 * The tray icon and its menu. State lives in private fields and one `render()` derives the
 * icon, title, tooltip and menu from it (Signal Desktop `app/SystemTrayService.main.ts`).
 *
 * Takes a `createTray` factory and a `buildMenu` function so tests run without Electron.
 */
import type { Rect } from './popup-position';
import type { TrayState } from './tray-state';

/** The parts of Electron's `Tray` the controller uses. */
export interface TrayLike {
  setImage(iconPath: string): void;
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: unknown): void;
  popUpContextMenu(menu?: unknown): void;
  setIgnoreDoubleClickEvents(ignore: boolean): void;
  getBounds(): Rect;
  on(event: 'click' | 'right-click', fn: (event: unknown, bounds?: Rect) => void): unknown;
  destroy(): void;
}

/** One menu item, with a stable id (tests and Electron both find items by it). */
export interface MenuItemSpec {
  id: string;
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

/** What the menu items do. */
export interface TrayActions {
  open(): void;
  toggle(bounds: Rect): void;
  refresh(): void;
  openBackups(): void;
  quit(): void;
  getLaunchAtLogin(): boolean;
  setLaunchAtLogin(on: boolean): void;
}

/** What `createTrayController` needs. */
export interface TrayControllerDeps {
  createTray: (iconPath: string) => TrayLike;
  buildMenu: (items: MenuItemSpec[]) => unknown;
  /** Absolute path of the icon file for a state. */
  iconPath: (state: TrayState) => string;
  platform: NodeJS.Platform;
  actions: TrayActions;
}

/** The running tray. */
export interface TrayController {
  setState(state: TrayState): void;
  destroy(): void;
  /** Test-only: the current menu items. */
  _menuItems(): MenuItemSpec[];
  /** Test-only: the tray instance. */
  _getTray(): TrayLike | null;
}

/** Creates the tray with an initial state and wires clicks. */
export function createTrayController(deps: TrayControllerDeps, initial: TrayState): TrayController {
  let state = initial;
  let items: MenuItemSpec[] = [];
  let menu: unknown = null;
  let tray: TrayLike | null = deps.createTray(deps.iconPath(state));
  const { actions, platform } = deps;
  // Login items are macOS and Windows only (app.setLoginItemSettings).
  const canLaunchAtLogin = platform === 'darwin' || platform === 'win32';

  const menuItems = (): MenuItemSpec[] => [
    { id: 'open', label: 'Open Relink', click: () => actions.open() },
    { id: 'refresh', label: 'Refresh', click: () => actions.refresh() },
    { id: 'open-backups', label: 'Open Backups Folder', click: () => actions.openBackups() },
    { id: 'sep-1', type: 'separator' },
    ...(canLaunchAtLogin
      ? [{ id: 'launch-at-login', label: 'Launch at Login', type: 'checkbox' as const, checked: actions.getLaunchAtLogin(), click: () => (actions.setLaunchAtLogin(!actions.getLaunchAtLogin()), render()) }]
      : []),
    { id: 'sep-2', type: 'separator' },
    { id: 'quit', label: 'Quit Relink', click: () => actions.quit() },
  ];

  const render = () => {
    if (!tray) return;
    tray.setImage(deps.iconPath(state));
    tray.setToolTip(state.tooltip);
    if (platform === 'darwin') tray.setTitle(state.title);
    items = menuItems();
    menu = deps.buildMenu(items);
    // Linux trays (AppIndicator) do not report clicks reliably: the menu is always attached.
    if (platform === 'linux') tray.setContextMenu(menu);
  };

  if (platform === 'darwin') tray.setIgnoreDoubleClickEvents(true);
  tray.on('click', (_e, bounds) => actions.toggle(bounds ?? tray?.getBounds() ?? { x: 0, y: 0, width: 0, height: 0 }));
  tray.on('right-click', () => tray?.popUpContextMenu(menu));
  render();

  return {
    setState(next) {
      state = next;
      render();
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
    _menuItems: () => items,
    _getTray: () => tray,
  };
}
