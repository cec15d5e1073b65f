/**
 * Where Codex keeps its connector caches and which names in them are cache entries.
 */
import * as path from 'node:path';
import type { CacheKind } from '../../shared/schemas';
import { CACHE_KINDS } from '../../shared/schemas';

/** Codex's bound on a tools cache file (CODEX_APPS_TOOLS_CACHE_MAX_BYTES, openai/codex#32698). */
export const MAX_CACHE_BYTES = 32 * 1024 * 1024;

/** Name patterns Codex writes: 40 hex (SHA-1) or 16 hex (FNV-1a 64) plus `.json`. */
const NAME_PATTERN: Record<CacheKind, RegExp> = {
  codex_apps_tools: /^[0-9a-f]{40}\.json$/,
  codex_apps_server_info: /^[0-9a-f]{40}\.json$/,
  codex_app_directory: /^[0-9a-f]{40}\.json$/,
  remote_plugin_catalog: /^[0-9a-f]{16}\.json$/,
};

/** True for names that Codex's atomic writer uses for in-flight files: never touch these. */
export function isCodexTemp(name: string): boolean {
  return name.startsWith('.tmp');
}

/**
 * True when `name` in a folder of `kind` is a cache entry Relink lists.
 *
 * Every `*.json` that is not hidden counts (codex-caches.md §2: do not assume one name per
 * account; enumerate), so unknown-but-plausible names are still shown and backed up.
 */
export function isCacheEntryName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.') && name.length > 5 && !name.includes('/') && !name.includes('\0');
}

/** True when the name follows the exact pattern Codex writes for that kind. */
export function isCanonicalName(kind: CacheKind, name: string): boolean {
  return NAME_PATTERN[kind].test(name);
}

/** Absolute path of a cache folder. */
export function cacheDir(codexHome: string, kind: CacheKind): string {
  return path.join(codexHome, 'cache', kind);
}

/** `cache/<kind>/<name>` with `/` separators, relative to CODEX_HOME. */
export function relCachePath(kind: CacheKind, name: string): string {
  return `cache/${kind}/${name}`;
}

/** The identity of an entry: its file name without `.json`. */
export function identityOf(name: string): string {
  return name.slice(0, -'.json'.length);
}

/**
 * Parses a relative cache path back into kind and name, refusing anything else.
 *
 * Used wherever a path comes from a manifest or another untrusted place.
 */
export function parseCachePath(rel: string): { kind: CacheKind; name: string } | null {
  const m = /^cache\/([a-z_]+)\/([^/\\]+)$/.exec(rel);
  if (!m) return null;
  const kind = m[1] as CacheKind;
  const name = m[2]!;
  if (!(CACHE_KINDS as readonly string[]).includes(kind)) return null;
  if (!isCacheEntryName(name) || name === '..' || name === '.') return null;
  return { kind, name };
}

export { CACHE_KINDS };
