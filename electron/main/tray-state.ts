/**
 * What the tray shows for a scan: icon, macOS title count and tooltip. Pure; no `electron`.
 */
import type { Reply } from '../../shared/ipc';
import type { StatusReport } from '../../shared/schemas';

/** Icon states, worst first: something needs reconnecting, something cannot be judged, all fine. */
export type TrayIcon = 'attention' | 'unknown' | 'ok';

/** The tray's whole appearance. */
export interface TrayState {
  icon: TrayIcon;
  /** macOS menu-bar title beside the icon: the count of connectors needing action, or ''. */
  title: string;
  tooltip: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Derives the tray state from the latest scan (`null` while the first scan runs).
 *
 * Worst health wins: needs-reauth → `attention`; unknown health, unreadable or
 * unsupported files, or a failed scan → `unknown`; otherwise `ok`.
 */
export function trayStateOf(scan: Reply<StatusReport> | null): TrayState {
  if (scan === null) return { icon: 'unknown', title: '', tooltip: 'Relink: scanning Codex caches…' };
  if (!scan.ok) {
    const why = scan.code === 'codex-home-missing' ? 'Codex home not found' : 'could not read the Codex caches';
    return { icon: 'unknown', title: '', tooltip: `Relink: ${why}` };
  }
  const cs = scan.value.connectors;
  const reauth = cs.filter((c) => c.health === 'needs-reauth').length;
  const unknown = cs.filter((c) => c.health === 'unknown').length;
  const badFiles = scan.value.files.filter((f) => f.state !== 'ok').length;
  if (reauth > 0) {
    return { icon: 'attention', title: String(reauth), tooltip: `Relink: ${plural(reauth, 'connector needs', 'connectors need')} reconnecting` };
  }
  if (unknown > 0 || badFiles > 0) {
    const parts = [unknown > 0 ? plural(unknown, 'connector', 'connectors') + ' of unknown health' : '', badFiles > 0 ? plural(badFiles, 'cache file', 'cache files') + ' Relink cannot read' : ''];
    return { icon: 'unknown', title: '', tooltip: `Relink: ${parts.filter(Boolean).join(', ')}` };
  }
  if (cs.length === 0) return { icon: 'ok', title: '', tooltip: 'Relink: no connector caches yet' };
  return { icon: 'ok', title: '', tooltip: `Relink: ${plural(cs.length, 'connector', 'connectors')}, none needs reconnecting` };
}

/**
 * The icon file for a state, relative to the icons folder.
 *
 * macOS uses `Template` images (the system tints them for light and dark menu bars);
 * elsewhere the caller says whether the task bar is dark, and gets the light glyph for it.
 * Electron picks the `@2x` sibling itself on high-DPI screens.
 */
export function trayIconFile(icon: TrayIcon, platform: NodeJS.Platform, darkBar: boolean): string {
  if (platform === 'darwin') return `tray-${icon}Template.png`;
  return `tray-${icon}-${darkBar ? 'dark' : 'light'}.png`;
}
