/**
 * The popup window's behaviour: toggle under the tray icon, hide on blur, remember tray bounds.
 *
 * Takes the window and screen as parameters (no `electron` import) so tests drive it with
 * fakes. Mechanics from max-mapper/menubar `src/Menubar.ts`.
 */
import type { Point, Rect } from './popup-position';
import { displayForPoint, isUsableTrayRect, positionPopup } from './popup-position';

/** The parts of a BrowserWindow the controller uses. */
export interface PopupWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  show(): void;
  hide(): void;
  focus(): void;
  getSize(): number[];
  setPosition(x: number, y: number): void;
  on(event: 'blur', fn: () => void): unknown;
}

/** The parts of Electron's `screen` the controller uses. */
export interface PopupScreen {
  getCursorScreenPoint(): Point;
  getAllDisplays(): { bounds: Rect; workArea: Rect }[];
}

/** What `createPopupController` needs. */
export interface PopupDeps {
  window: PopupWindow;
  screen: PopupScreen;
  platform: 'darwin' | 'win32' | 'linux';
  /** Milliseconds clock for the blur/click race; defaults to Date.now. */
  now?: () => number;
}

/** Shows, hides and toggles the popup. */
export interface PopupController {
  toggle(trayBounds?: Rect): void;
  show(trayBounds?: Rect): void;
  hide(): void;
  isVisible(): boolean;
}

/**
 * A click on the tray while the popup is open blurs it first; a toggle within this window of
 * a blur-hide is the same gesture and must not reopen it (menubar's 100 ms blur delay).
 */
const BLUR_CLICK_MS = 250;

/** Builds the controller and hooks hide-on-blur. */
export function createPopupController(deps: PopupDeps): PopupController {
  const now = deps.now ?? Date.now;
  const win = deps.window;
  let lastTray: Rect | null = null;
  let hiddenByBlurAt = -Infinity;

  const alive = () => !win.isDestroyed();
  const hide = () => {
    if (alive() && win.isVisible()) win.hide();
  };
  const show = (trayBounds?: Rect) => {
    if (!alive()) return;
    const tray = trayBounds ?? null;
    if (isUsableTrayRect(tray)) lastTray = tray;
    const cursor = deps.screen.getCursorScreenPoint();
    const anchor = isUsableTrayRect(tray) ? tray : (lastTray ?? { ...cursor, width: 0, height: 0 });
    const display = displayForPoint(deps.screen.getAllDisplays(), { x: anchor.x + anchor.width / 2, y: anchor.y + anchor.height / 2 });
    if (display) {
      const [width = 360, height = 520] = win.getSize();
      const p = positionPopup({ tray, lastTray, cursor, popup: { width, height }, workArea: display.workArea, display: display.bounds, platform: deps.platform });
      win.setPosition(p.x, p.y);
    }
    win.show();
    win.focus();
  };

  win.on('blur', () => {
    if (alive() && win.isVisible()) {
      hiddenByBlurAt = now();
      win.hide();
    }
  });

  return {
    toggle(trayBounds) {
      if (!alive()) return;
      if (win.isVisible()) return hide();
      if (now() - hiddenByBlurAt < BLUR_CLICK_MS) return;
      show(trayBounds);
    },
    show,
    hide,
    isVisible: () => alive() && win.isVisible(),
  };
}
