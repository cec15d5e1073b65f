/**
 * Which cache entries an action may move (reliability.md §2 rules 8, 12, 13) and checks on
 * the cache folders themselves (they must stay real folders, never symlinks or files).
 */
import * as path from 'node:path';
import type { CacheKind, SkippedFile } from '../../../shared/schemas';
import { cacheDir, isCacheEntryName, isCodexTemp, relCachePath } from '../cache-layout';
import { errnoOf } from '../fs-facade';
import type { StoreCtx } from './context';
import { StoreError } from './errors';
import { DIR_MODE } from './layout';
import { isOwnCacheName } from './names';

/** An entry an action will move or replace. */
export interface Target {
  kind: CacheKind;
  name: string;
  /** A vetted symlink: its target's bytes are backed up, only the link is removed. */
  symlink: boolean;
}

/** How an entry path looks right now. */
export type EntryClass = { state: 'absent' } | { state: 'movable'; symlink: boolean } | { state: 'skip'; reason: string };

const CREDENTIAL_NAMES = new Set(['auth.json', '.credentials.json']);

/**
 * Checks `cache/` and `cache/<kind>` are real folders (or absent); with `create`, makes missing
 * ones. A symlinked or non-folder cache folder is refused before anything changes.
 */
export async function checkCacheDir(ctx: StoreCtx, kind: CacheKind, create = false): Promise<boolean> {
  for (const dir of [path.join(ctx.codexHome, 'cache'), cacheDir(ctx.codexHome, kind)]) {
    const rel = path.relative(ctx.codexHome, dir);
    let st;
    try {
      st = await ctx.fs.lstat(dir);
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      if (!create) return false;
      await ctx.fs.mkdir(dir, { mode: DIR_MODE });
      continue;
    }
    if (st.isSymbolicLink()) throw new StoreError('bad-input', `${rel} is a symlink; Relink only changes real cache folders, so it left everything as it was`);
    if (!st.isDirectory()) throw new StoreError('bad-input', `${rel} is not a folder; Relink left everything as it was`);
  }
  return true;
}

async function vetSymlink(ctx: StoreCtx, file: string): Promise<EntryClass> {
  let real: string;
  try {
    real = await ctx.fs.realpath(file);
  } catch {
    return { state: 'skip', reason: 'dangling symlink' };
  }
  const inCache = real.startsWith(path.join(ctx.codexHome, 'cache') + path.sep);
  const inHome = real.startsWith(ctx.codexHome + path.sep);
  // Never open credentials, not even through a link (reliability.md case 33).
  if (CREDENTIAL_NAMES.has(path.basename(real)) || (inHome && !inCache)) return { state: 'skip', reason: 'symlink to a file Relink never reads' };
  const st = await ctx.fs.stat(real);
  if (!st.isFile()) return { state: 'skip', reason: 'symlink to something that is not a regular file' };
  if (st.nlink !== 1) return { state: 'skip', reason: 'symlink to a hard-linked file' };
  return { state: 'movable', symlink: true };
}

/** Classifies `cache/<kind>/<name>`. */
export async function classifyEntry(ctx: StoreCtx, kind: CacheKind, name: string): Promise<EntryClass> {
  const file = path.join(cacheDir(ctx.codexHome, kind), name);
  let st;
  try {
    st = await ctx.fs.lstat(file);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return { state: 'absent' };
    throw err;
  }
  if (st.isSymbolicLink()) return vetSymlink(ctx, file);
  if (st.isDirectory()) return { state: 'skip', reason: 'a folder, not a file' };
  if (!st.isFile()) return { state: 'skip', reason: 'not a regular file' };
  if (st.nlink !== 1) return { state: 'skip', reason: 'hard link (shares its bytes with another file)' };
  return { state: 'movable', symlink: false };
}

/** Movable entries of one cache folder (optionally only `names`), plus what was left alone and why. */
export async function scanFolder(ctx: StoreCtx, kind: CacheKind, names?: ReadonlySet<string>): Promise<{ targets: Target[]; skipped: SkippedFile[] }> {
  const targets: Target[] = [];
  const skipped: SkippedFile[] = [];
  if (!(await checkCacheDir(ctx, kind))) return { targets, skipped };
  const all = (await ctx.fs.readdir(cacheDir(ctx.codexHome, kind))).sort();
  for (const name of all) {
    if (isOwnCacheName(name) || (names && !names.has(name))) continue;
    if (isCodexTemp(name)) {
      skipped.push({ path: relCachePath(kind, name), reason: "Codex's own temporary file (write in progress)" });
      continue;
    }
    if (!isCacheEntryName(name)) {
      skipped.push({ path: relCachePath(kind, name), reason: 'not a cache entry' });
      continue;
    }
    const c = await classifyEntry(ctx, kind, name);
    if (c.state === 'movable') targets.push({ kind, name, symlink: c.symlink });
    else if (c.state === 'skip') skipped.push({ path: relCachePath(kind, name), reason: c.reason });
  }
  return { targets, skipped };
}
