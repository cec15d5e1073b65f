/**
 * Text patterns that mark an auth failure and the ids that tie it to a connector.
 *
 * Pure functions; shared by the rollout, log DB, TUI log and desktop log readers.
 */

/** Auth-failure texts (codex-caches.md §9.6): 401s, reauth, UNAUTHORIZED, expired tokens. */
const AUTH_TEXT = /(?<![\w-])401(?![\w-])|reauthenticat|TRIGGER_REAUTHENTICATION|\bUNAUTHORIZED\b|invalid_token|token_expired/i;

/** A connector id: `connector_<hex>` or an Apps SDK app `asdk_app_<hex>`. */
const CONNECTOR_ID = /\b((?:connector|asdk_app)_[0-9a-f]{8,64})\b/;

/** A link id (`link_<32 hex>`), codex-caches.md §3. */
const LINK_ID = /\b(link_[0-9a-f]{8,64})\b/;

/** Longest text an AuthFailure carries. */
export const MAX_FAILURE_TEXT = 300;

/** True when `text` reads like an auth failure (not a 500, timeout or other error). */
export function isAuthText(text: string): boolean {
  return AUTH_TEXT.test(text);
}

/** The first connector id in `text`, or null. */
export function findConnectorId(text: string): string | null {
  return CONNECTOR_ID.exec(text)?.[1] ?? null;
}

/** The first link id in `text`, or null. */
export function findLinkId(text: string): string | null {
  return LINK_ID.exec(text)?.[1] ?? null;
}

/** True for a string shaped like a link id. */
export function isLinkId(v: unknown): v is string {
  return typeof v === 'string' && /^link_[0-9a-f]{8,64}$/.test(v);
}

/** True for a string shaped like a connector id. */
export function isConnectorId(v: unknown): v is string {
  return typeof v === 'string' && /^(?:connector|asdk_app)_[0-9a-f]{8,64}$/.test(v);
}

/** Collapses whitespace and control characters and clips to MAX_FAILURE_TEXT characters. */
export function clipText(text: string): string {
  // Hostile text from tool results: no control or bidi characters (reliability.md §5).
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\s]+/g, ' ').trim();
  return flat.length <= MAX_FAILURE_TEXT ? flat : flat.slice(0, MAX_FAILURE_TEXT - 1) + '…';
}

/** `link_5e6f…9a0b`: enough to compare by eye, not the whole id. */
export function shortId(id: string): string {
  const m = /^([a-z_]+_)([0-9a-f]+)$/.exec(id);
  if (!m || m[2]!.length <= 8) return id;
  return `${m[1]}${m[2]!.slice(0, 4)}…${m[2]!.slice(-4)}`;
}

/** Parses an ISO time; null when it is not one. */
export function isoOrNull(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 40) return null;
  const t = Date.parse(v);
  if (!Number.isFinite(t) || !/^\d{4}-\d\d-\d\dT/.test(v)) return null;
  return new Date(t).toISOString();
}
