/**
 * Which URLs Relink may hand to the OS browser (`shell.openExternal`).
 *
 * Pure TS (no node:*, no DOM) so main, core and the renderer share one rule: Electron's
 * security checklist item 15 ("do not use openExternal with untrusted content").
 */

/** Hosts Relink opens: ChatGPT only (connector pages, reconnect flows). */
export const ALLOWED_EXTERNAL_HOSTS: readonly string[] = ['chatgpt.com', 'www.chatgpt.com'];

/** Longest URL Relink hands to the OS. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * True when `raw` is an https URL on an allowed host, without credentials or port.
 *
 * Parsed with `URL`, never matched by prefix: `https://chatgpt.com.evil.example` and
 * `https://chatgpt.com@evil.example` are refused.
 */
export function isAllowedExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return false;
  // Control characters and whitespace would be stripped by the URL parser, hiding what is opened.
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(raw)) return false;
  if (raw.includes('\\')) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '' || url.port !== '') return false;
  // The authority must be exactly the host: no userinfo tricks, no odd encodings of it.
  if (!raw.toLowerCase().startsWith('https://')) return false;
  const rest = raw.slice('https://'.length);
  const authority = rest.split(/[/?#]/, 1)[0]!.toLowerCase();
  if (authority !== url.hostname) return false;
  return ALLOWED_EXTERNAL_HOSTS.includes(url.hostname);
}
