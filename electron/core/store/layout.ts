/**
 * Where the store keeps things (reliability.md §2 rule 3) and how its folders are made.
 *
 * `<store>/backups/<id>/files/<kind>/<name>`, `<store>/backups/<id>/manifest.json`,
 * `<store>/tmp/`, `<store>/lock/`, `<store>/state/`; every folder 0700, every file 0600.
 */
import * as path from 'node:path';
import type { CacheKind } from '../../../shared/schemas';
import type { Env } from '../deps';
import type { Fs } from '../fs-facade';
import { errnoOf } from '../fs-facade';
import { StoreError } from './errors';

/** Folder mode of the store and everything under it. */
export const DIR_MODE = 0o700;
/** File mode of manifests, snapshot files and restored cache entries. */
export const FILE_MODE = 0o600;
/** Name of a committed snapshot's manifest. */
export const MANIFEST = 'manifest.json';

/** Absolute paths of the store's parts. */
export interface StorePaths {
  root: string;
  backups: string;
  tmp: string;
  lock: string;
  state: string;
}

/** `--store DIR` beats `RELINK_STORE`, which beats `<CODEX_HOME>/relink` (same volume as the caches). */
export function resolveStoreDir(codexHome: string, env: Env, flag?: string): string {
  const raw = flag ?? (env.RELINK_STORE || undefined);
  return raw === undefined ? path.join(codexHome, 'relink') : path.resolve(raw);
}

/** The store's paths under `root`. */
export function storePaths(root: string): StorePaths {
  return {
    root,
    backups: path.join(root, 'backups'),
    tmp: path.join(root, 'tmp'),
    lock: path.join(root, 'lock'),
    state: path.join(root, 'state'),
  };
}

/** A snapshot's folder. Only ever called with validated ids. */
export function snapshotDir(p: StorePaths, id: string): string {
  return path.join(p.backups, id);
}

/** Where a snapshot keeps the bytes of `cache/<kind>/<name>`. */
export function snapshotFile(p: StorePaths, id: string, kind: CacheKind, name: string): string {
  return path.join(p.backups, id, 'files', kind, name);
}

/**
 * Makes `dir` (parent must exist) a real 0700 folder: creates it, or checks and repairs an
 * existing one (rule 15: `mkdir {mode}` leaves an existing folder's mode alone). A folder it
 * creates is made durable (rule 6: fsync the parent) before anything is moved into it.
 */
export async function ensureDir(fs: Fs, dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { mode: DIR_MODE });
    await fs.fsyncDir(path.dirname(dir));
  } catch (err) {
    if (errnoOf(err) !== 'EEXIST') throw err;
  }
  const st = await fs.lstat(dir);
  if (!st.isDirectory()) throw new StoreError('bad-input', `${dir} exists but is not a folder`);
  if ((st.mode & 0o777) !== DIR_MODE) await fs.chmod(dir, DIR_MODE);
}

/** Creates the store root (and its parents) and its subfolders, all 0700. */
export async function ensureLayout(fs: Fs, p: StorePaths): Promise<void> {
  const parent = path.dirname(p.root);
  const first = await fs.mkdir(parent, { recursive: true, mode: DIR_MODE });
  // Folders created on the way (a new --store path) are made durable too, innermost first.
  if (first !== undefined) for (let d = parent; ; d = path.dirname(d)) {
    await fs.fsyncDir(path.dirname(d));
    if (d === first || d === path.dirname(d)) break;
  }
  await ensureDir(fs, p.root);
  for (const d of [p.backups, p.tmp, p.state]) await ensureDir(fs, d);
}
