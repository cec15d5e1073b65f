/**
 * Every Electron security measure in one place (style.md §4, reliability.md §6).
 *
 * The decisions are pure functions and constants so they are unit-tested without Electron;
 * `hardenWebContents` and `hardenSession` only attach them.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAllowedExternalUrl } from '../../shared/url-policy';

export { isAllowedExternalUrl };

/** Our renderer's scheme and host: `app://relink/`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'relink';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** Secure defaults, every value explicit (electronegativity flags implicit ones). Never spread caller options over it. */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  devTools: false,
} satisfies WebPreferences);

/** The popup's webPreferences: the secure defaults plus the preload script. */
export function popupWebPreferences(preload: string): WebPreferences {
  return { ...WEB_PREFERENCES, preload };
}

/** The renderer's Content-Security-Policy (meta tag and protocol header): no remote anything. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for a URL inside our own app origin. */
export function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

/** What to do with a navigation or a window.open request. */
export type NavigationDecision = { action: 'deny' } | { action: 'open-external'; url: string };

/**
 * Navigation is always prevented; an allow-listed ChatGPT link opens in the browser instead.
 *
 * The popup is a single page: even in-app URLs never navigate (a reload is not a navigation).
 */
export function decideNavigation(url: string): NavigationDecision {
  return isAllowedExternalUrl(url) ? { action: 'open-external', url } : { action: 'deny' };
}

/** Attaches the navigation, window-open and webview rules to one webContents. */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    const d = decideNavigation(url);
    if (d.action === 'open-external') openExternal(d.url);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  // Sub-frames and redirects never navigate either (the popup has neither; refuse if one appears).
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const d = decideNavigation(url);
    if (d.action === 'open-external') openExternal(d.url);
    return { action: 'deny' };
  });
}

/** Permission request handler: every request (camera, notifications, …) is refused. */
export function denyPermissionRequest(_wc: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Permission check handler: nothing is granted. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Installs the deny-all permission handlers on a session. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(() => false);
}
