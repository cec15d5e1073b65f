/**
 * Names Relink itself creates next to Codex's files, and the exact patterns recovery matches
 * (reliability.md §2 rules 9, 10, 17; never `.tmp*`, which is Codex's).
 */

/** `.relink-aside-<nonce>-<name>`: an entry renamed aside in its own cache folder. */
export const ASIDE_PATTERN = /^\.relink-aside-[0-9a-f]{12}-(.+\.json)$/;
/** `.relink-restore-<nonce>-<name>`: a restore temp in a cache folder (a copy of committed bytes). */
export const RESTORE_PATTERN = /^\.relink-restore-[0-9a-f]{12}-(.+\.json)$/;
/** `.relink-part-<nonce>-<name>`: a partial copy inside an uncommitted snapshot folder. */
export const PART_PATTERN = /^\.relink-part-[0-9a-f]{12}-(.+\.json)$/;
/** `tmp/prune-<id>-<nonce>`: a snapshot being deleted by prune. */
export const PRUNE_PATTERN = /^prune-\d{8}T\d{9}Z-[0-9a-f]{6}-[0-9a-f]{12}$/;
/** `tmp/lock-<nonce>` / `tmp/stale-lock-<nonce>`: lock staging and broken locks. */
export const LOCK_TEMP_PATTERN = /^(stale-)?lock-[0-9a-f]+$/;

/** The aside name for `name`. */
export function asideName(nonce: string, name: string): string {
  return `.relink-aside-${nonce}-${name}`;
}

/** The restore temp name for `name`. */
export function restoreTempName(nonce: string, name: string): string {
  return `.relink-restore-${nonce}-${name}`;
}

/** The partial-copy name for `name`. */
export function partName(nonce: string, name: string): string {
  return `.relink-part-${nonce}-${name}`;
}

/** True for any name Relink creates in a cache folder. */
export function isOwnCacheName(name: string): boolean {
  return name.startsWith('.relink-');
}
