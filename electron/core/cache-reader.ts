/**
 * Reads one cache entry through one descriptor without following traps (reliability.md rule 7).
 *
 * `lstat` first: FIFOs, sockets, devices and directories are never opened (a FIFO would hang
 * a plain read). Symlinks are followed only to regular files that are not credentials. Hard
 * links are refused (they can alias any file, auth.json included). Files over Codex's 32 MiB
 * bound are not read. A file that changes while it is read is retried, then reported.
 */
import * as path from 'node:path';
import type { Stats } from 'node:fs';
import type { FileState } from '../../shared/schemas';
import type { Fs } from './fs-facade';
import { READ_FOLLOW, READ_NOFOLLOW, errnoOf } from './fs-facade';
import { MAX_CACHE_BYTES } from './cache-layout';

/** What `lstat` (and, for a symlink, `stat` of its target) says about an entry. */
export interface EntryStat {
  state: 'readable' | Exclude<FileState, 'ok' | 'unsupported-schema' | 'corrupt'>;
  symlink: boolean;
  bytes: number | null;
  mtimeMs: number | null;
  /** Stable fingerprint for the scan cache: changes whenever the content may have. */
  fingerprint: string;
  message: string | null;
}

/** An entry's bytes, read consistently through one descriptor. */
export type EntryRead = { ok: true; bytes: Uint8Array; stat: EntryStat } | { ok: false; stat: EntryStat };

const SECRET_NAMES = new Set(['auth.json', '.credentials.json']);
const RETRIES = 3;

const fingerprintOf = (st: Stats, symlink: boolean) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${symlink ? 'l' : 'f'}`;

function unusable(state: EntryStat['state'], message: string, symlink = false, st?: Stats): EntryStat {
  return {
    state,
    symlink,
    bytes: st ? st.size : null,
    mtimeMs: st ? st.mtimeMs : null,
    fingerprint: st ? fingerprintOf(st, symlink) + ':' + state : `${state}:${message}`,
    message,
  };
}

/**
 * Classifies the entry at `file` (absolute) without opening it.
 *
 * `codexHome` bounds symlink targets: a link into CODEX_HOME outside `cache/` (where the
 * secrets live) is never followed.
 */
export async function statEntry(fs: Fs, codexHome: string, file: string): Promise<EntryStat> {
  let lst: Stats;
  try {
    lst = await fs.lstat(file);
  } catch (err) {
    return unusable('unreadable', `cannot be read (${errnoOf(err) ?? 'error'})`);
  }
  if (lst.isSymbolicLink()) return statSymlink(fs, codexHome, file, lst);
  if (!lst.isFile()) return unusable('not-a-file', `is ${kindOfNode(lst)}, not a regular file; not opened`, false, lst);
  if (lst.nlink > 1) return unusable('unreadable', 'is a hard link (it could alias any file); not read', false, lst);
  if (lst.size > MAX_CACHE_BYTES) return unusable('too-large', tooLargeMessage(lst.size), false, lst);
  return { state: 'readable', symlink: false, bytes: lst.size, mtimeMs: lst.mtimeMs, fingerprint: fingerprintOf(lst, false), message: null };
}

async function statSymlink(fs: Fs, codexHome: string, file: string, lst: Stats): Promise<EntryStat> {
  let target: string;
  let st: Stats;
  try {
    target = await fs.realpath(file);
    st = await fs.stat(target);
  } catch (err) {
    const code = errnoOf(err);
    const why = code === 'ENOENT' ? 'is a symlink whose target does not exist' : code === 'ELOOP' ? 'is a symlink loop' : `is a symlink that cannot be followed (${code ?? 'error'})`;
    return unusable('unreadable', why, true, lst);
  }
  const insideHome = target.startsWith(codexHome + path.sep);
  const insideCache = target.startsWith(path.join(codexHome, 'cache') + path.sep);
  if (SECRET_NAMES.has(path.basename(target)) || (insideHome && !insideCache)) {
    return unusable('unreadable', 'is a symlink to a file Relink never reads; not followed', true, lst);
  }
  if (!st.isFile()) return unusable('not-a-file', `is a symlink to ${kindOfNode(st)}; not opened`, true, st);
  if (st.nlink > 1) return unusable('unreadable', 'is a symlink to a hard link (it could alias any file); not read', true, st);
  if (st.size > MAX_CACHE_BYTES) return unusable('too-large', tooLargeMessage(st.size), true, st);
  return { state: 'readable', symlink: true, bytes: st.size, mtimeMs: st.mtimeMs, fingerprint: fingerprintOf(st, true) + ':' + target, message: null };
}

function kindOfNode(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function tooLargeMessage(size: number): string {
  return `is ${(size / 1048576).toFixed(1)} MiB, over Codex's 32 MiB limit: Codex ignores it and Relink does not parse it`;
}

/** Reads a `readable` entry's bytes through one descriptor, retrying if it changes mid-read. */
export async function readEntry(fs: Fs, codexHome: string, file: string): Promise<EntryRead> {
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const stat = await statEntry(fs, codexHome, file);
    if (stat.state !== 'readable') return { ok: false, stat };
    const r = await readOnce(fs, file, stat);
    if (r !== 'changed') return r;
  }
  return { ok: false, stat: unusable('unreadable', `kept changing while it was read (${RETRIES} attempts); try again`) };
}

async function readOnce(fs: Fs, file: string, stat: EntryStat): Promise<EntryRead | 'changed'> {
  let h;
  try {
    h = await fs.open(file, stat.symlink ? READ_FOLLOW : READ_NOFOLLOW);
  } catch (err) {
    const code = errnoOf(err);
    if (code === 'ENOENT' || code === 'ELOOP') return 'changed';
    return { ok: false, stat: unusable('unreadable', code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'error'})`, stat.symlink) };
  }
  try {
    const before = await h.stat();
    if (!before.isFile()) return 'changed';
    if (before.size > MAX_CACHE_BYTES) return { ok: false, stat: unusable('too-large', tooLargeMessage(before.size), stat.symlink, before) };
    const buf = Buffer.allocUnsafe(Math.min(before.size, MAX_CACHE_BYTES) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await h.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) break;
    }
    const after = await h.stat();
    if (n !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) return 'changed';
    const fresh: EntryStat = { ...stat, bytes: n, mtimeMs: after.mtimeMs };
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, n), stat: fresh };
  } catch (err) {
    return { ok: false, stat: unusable('unreadable', `cannot be read (${errnoOf(err) ?? 'error'})`, stat.symlink) };
  } finally {
    await h.close().catch(() => undefined);
  }
}
