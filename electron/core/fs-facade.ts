/**
 * The one door through which core touches the file system.
 *
 * Every core module takes an `Fs` in its deps instead of importing `node:fs`, so tests can
 * inject faults (fail the Nth call), crash points and a spy that logs every path
 * (reliability.md §4). `createNodeFs()` is the production implementation.
 */
import * as fsp from 'node:fs/promises';
import { constants } from 'node:fs';

/** The subset of `node:fs/promises` that core uses, plus a directory fsync. */
export interface Fs {
  open: typeof fsp.open;
  readdir(path: string): Promise<string[]>;
  lstat(path: string, opts?: { bigint?: false }): Promise<import('node:fs').Stats>;
  lstatBig(path: string): Promise<import('node:fs').BigIntStats>;
  stat(path: string): Promise<import('node:fs').Stats>;
  realpath(path: string): Promise<string>;
  mkdir(path: string, opts?: { recursive?: boolean; mode?: number }): Promise<string | undefined>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  rm(path: string, opts?: { recursive?: boolean; force?: boolean }): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  utimes(path: string, atime: number | Date, mtime: number | Date): Promise<void>;
  statfs(path: string): Promise<import('node:fs').StatsFs>;
  /** fsync a directory so the names created, renamed or removed in it are durable. */
  fsyncDir(path: string): Promise<void>;
  /** fsync an open file's data (a no-op when the Fs was made with `noSync`). */
  fsyncFile(handle: fsp.FileHandle): Promise<void>;
}

/** Flags for opening untrusted entries: never follow a symlink, never block on a FIFO. */
export const READ_NOFOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/** Flags for opening untrusted entries through a symlink the caller has already checked. */
export const READ_FOLLOW = constants.O_RDONLY | constants.O_NONBLOCK;
/** Create a new file; fail if the name exists (never write through a dangling symlink). */
export const CREATE_EXCL = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Names of the Fs methods that change the file system (used by fault and crash wrappers). */
export const MUTATING_METHODS = ['mkdir', 'rename', 'link', 'unlink', 'rmdir', 'rm', 'chmod', 'utimes', 'fsyncDir', 'fsyncFile'] as const;

/**
 * The production Fs on `node:fs/promises`.
 *
 * `noSync` turns fsync into a no-op for fast unit runs only (like git's GIT_TEST_FSYNC);
 * crash suites and the app run with real fsync.
 */
export function createNodeFs(opts: { noSync?: boolean } = {}): Fs {
  const noSync = opts.noSync ?? false;
  return {
    open: fsp.open,
    readdir: (p) => fsp.readdir(p),
    lstat: (p) => fsp.lstat(p),
    lstatBig: (p) => fsp.lstat(p, { bigint: true }),
    stat: (p) => fsp.stat(p),
    realpath: (p) => fsp.realpath(p),
    mkdir: (p, o) => fsp.mkdir(p, o),
    rename: (a, b) => fsp.rename(a, b),
    link: (a, b) => fsp.link(a, b),
    unlink: (p) => fsp.unlink(p),
    rmdir: (p) => fsp.rmdir(p),
    rm: (p, o) => fsp.rm(p, o),
    chmod: (p, m) => fsp.chmod(p, m),
    utimes: (p, a, m) => fsp.utimes(p, a, m),
    statfs: (p) => fsp.statfs(p),
    async fsyncDir(p) {
      if (noSync) return;
      const h = await fsp.open(p, constants.O_RDONLY | constants.O_DIRECTORY);
      try {
        await h.sync();
      } catch (err) {
        // Some file systems refuse fsync on a directory; the rename itself is still atomic.
        if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      } finally {
        await h.close();
      }
    },
    async fsyncFile(h) {
      if (!noSync) await h.sync();
    },
  };
}

/** The errno code of an error, or undefined. */
export function errnoOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}
