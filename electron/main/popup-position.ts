/**
 * Where the popup goes: a pure function of tray bounds, popup size and the display's work area.
 *
 * Imports nothing from `electron` so it is table-tested under Node (style.md §5). Mechanics
 * learned from max-mapper/menubar `src/util/getWindowPosition.ts`.
 */

/** A rectangle in screen coordinates (DIP). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** A point in screen coordinates. */
export interface Point {
  x: number;
  y: number;
}
/** A window size. */
export interface Size {
  width: number;
  height: number;
}
/** Which screen edge the menu bar or task bar sits on. */
export type Side = 'top' | 'bottom' | 'left' | 'right';

/** Everything `positionPopup` needs. */
export interface PositionInput {
  tray: Rect | null;
  lastTray: Rect | null;
  cursor: Point;
  popup: Size;
  workArea: Rect;
  display: Rect;
  platform: 'darwin' | 'win32' | 'linux';
}

/** Some tray clicks report an empty or origin rect (menubar: "trayPos.x === 0"). */
export function isUsableTrayRect(r: Rect | null): r is Rect {
  return r !== null && r.width > 0 && r.height > 0 && !(r.x === 0 && r.y === 0);
}

/** The edge the bar occupies, from where the work area is smaller than the display; null when hidden. */
export function barSide(workArea: Rect, display: Rect): Side | null {
  if (workArea.y > display.y) return 'top';
  if (workArea.x > display.x) return 'left';
  if (workArea.y + workArea.height < display.y + display.height) return 'bottom';
  if (workArea.x + workArea.width < display.x + display.width) return 'right';
  return null;
}

/** The display edge nearest to a point (for auto-hidden task bars). */
export function nearestEdge(p: Point, display: Rect): Side {
  const d: [Side, number][] = [
    ['top', p.y - display.y],
    ['bottom', display.y + display.height - p.y],
    ['left', p.x - display.x],
    ['right', display.x + display.width - p.x],
  ];
  return d.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
}

/**
 * The popup's top-left corner: under (or beside) the tray icon, inside the work area, rounded.
 *
 * Anchor: `tray`, else `lastTray` when the tray reports a zero rect, else the cursor.
 * Rounded because `setPosition` crashes on fractions (menubar#233).
 */
export function positionPopup(a: PositionInput): Point {
  const anchor = isUsableTrayRect(a.tray) ? a.tray : isUsableTrayRect(a.lastTray) ? a.lastTray : { ...a.cursor, width: 0, height: 0 };
  const centre = { x: anchor.x + anchor.width / 2, y: anchor.y + anchor.height / 2 };
  const side = barSide(a.workArea, a.display) ?? (a.platform === 'darwin' ? 'top' : nearestEdge(centre, a.display));
  const { width: w, height: h } = a.popup;
  const wa = a.workArea;
  let x: number;
  let y: number;
  switch (side) {
    case 'top':
      x = centre.x - w / 2;
      y = Math.max(wa.y, anchor.y + anchor.height);
      break;
    case 'bottom':
      x = centre.x - w / 2;
      y = Math.min(wa.y + wa.height, anchor.y) - h;
      break;
    case 'left':
      x = Math.max(wa.x, anchor.x + anchor.width);
      y = anchor.y + anchor.height - h;
      break;
    case 'right':
      x = Math.min(wa.x + wa.width, anchor.x) - w;
      y = anchor.y + anchor.height - h;
      break;
  }
  return { x: Math.round(clamp(x, wa.x, wa.x + wa.width - w)), y: Math.round(clamp(y, wa.y, wa.y + wa.height - h)) };
}

/** Clamps to [lo, hi]; when the popup is larger than the area, sticks to `lo`. */
function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, Math.max(lo, hi)));
}

/** The display containing `p`, else the nearest one (what `screen.getDisplayNearestPoint` does). */
export function displayForPoint<D extends { bounds: Rect }>(displays: readonly D[], p: Point): D | undefined {
  const dist = (r: Rect) => {
    const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width - 1));
    const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height - 1));
    return dx * dx + dy * dy;
  };
  let best: D | undefined;
  for (const d of displays) if (best === undefined || dist(d.bounds) < dist(best.bounds)) best = d;
  return best;
}
