/**
 * Reading and copying entries through one descriptor (reliability.md §2 rule 7): open with
 * O_NOFOLLOW|O_NONBLOCK (never hang on a FIFO), fstat, stream while hashing, and compare the
 * size and mtime before and after so a concurrent in-place write is caught, not hashed.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { Fs } from '../fs-facade';
import { CREATE_EXCL, READ_FOLLOW, READ_NOFOLLOW } from '../fs-facade';
import { StoreError } from './errors';
import { FILE_MODE } from './layout';

const CHUNK = 1024 * 1024;
const RETRIES = 3;

/** What one read saw: content hash and the file's metadata. */
export interface ReadOutcome {
  sha256: string;
  bytes: number;
  dev: bigint;
  ino: bigint;
  mtimeNs: bigint;
  mode: number;
}

/** Thrown when the file kept changing under every bounded retry (an in-place writer at work). */
export class ChangedDuringRead extends StoreError {
  constructor(file: string, what: string) {
    super('io-error', `${path.basename(file)} kept changing while it was ${what} (is Codex writing it?); nothing was lost, quit Codex and try again`);
  }
}

/**
 * Same version when size and mtime held (rule 7). Not ctime: a Codex rename over the entry
 * drops the old inode's link count, which bumps its ctime while its bytes stay put.
 */
function sameVersion(a: BigIntStats, b: BigIntStats): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

async function openRegular(fs: Fs, file: string, follow: boolean): Promise<{ h: FileHandle; st: BigIntStats }> {
  const h = await fs.open(file, follow ? READ_FOLLOW : READ_NOFOLLOW);
  try {
    const st = await h.stat({ bigint: true });
    if (!st.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTREG' });
    return { h, st };
  } catch (err) {
    await h.close();
    throw err;
  }
}

/** Streams `h` into `sink` (if any) while hashing; returns hash and byte count. */
async function pump(h: FileHandle, sizeHint: bigint, sink?: FileHandle): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  // Small entries get small buffers: a fresh 1 MiB per file made GC dominate `reset --all`.
  const buf = Buffer.allocUnsafe(Math.min(CHUNK, Number(sizeHint) + 1));
  const len = buf.length;
  let pos = 0;
  for (;;) {
    const { bytesRead } = await h.read(buf, 0, len, pos);
    if (bytesRead === 0) break;
    const chunk = buf.subarray(0, bytesRead);
    hash.update(chunk);
    if (sink) await writeAll(sink, chunk);
    pos += bytesRead;
  }
  return { sha256: hash.digest('hex'), bytes: pos };
}

async function writeAll(h: FileHandle, chunk: Buffer): Promise<void> {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await h.write(chunk, off, chunk.length - off);
    off += bytesWritten;
  }
}

function outcome(st: BigIntStats, r: { sha256: string; bytes: number }): ReadOutcome {
  return { ...r, dev: st.dev, ino: st.ino, mtimeNs: st.mtimeNs, mode: Number(st.mode & 0o7777n) };
}

/** Hashes a regular file; `follow` reads through a symlink the caller has already vetted. */
export async function hashFile(fs: Fs, file: string, follow = false): Promise<ReadOutcome> {
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const { h, st } = await openRegular(fs, file, follow);
    try {
      const r = await pump(h, st.size);
      const after = await h.stat({ bigint: true });
      if (sameVersion(st, after) && BigInt(r.bytes) === st.size) return outcome(st, r);
    } finally {
      await h.close();
    }
  }
  throw new ChangedDuringRead(file, 'read');
}

/**
 * Copies `src` to the new file `dest` (created exclusively, 0600, never through a symlink),
 * fsyncs it and sets its mtime to the source's; returns what was copied. On any failure the
 * partial `dest` is removed.
 */
export async function copyToNew(fs: Fs, src: string, dest: string, follow: boolean): Promise<ReadOutcome> {
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const got = await copyOnce(fs, src, dest, follow);
    if (got) return got;
  }
  throw new ChangedDuringRead(src, 'copied');
}

async function copyOnce(fs: Fs, src: string, dest: string, follow: boolean): Promise<ReadOutcome | null> {
  const { h, st } = await openRegular(fs, src, follow);
  let out: FileHandle | undefined;
  let created = false;
  try {
    out = await fs.open(dest, CREATE_EXCL, FILE_MODE);
    created = true;
    await out.chmod(FILE_MODE);
    const r = await pump(h, st.size, out);
    const after = await h.stat({ bigint: true });
    if (!sameVersion(st, after) || BigInt(r.bytes) !== st.size) {
      await out.close();
      out = undefined;
      await fs.unlink(dest);
      return null;
    }
    await fs.fsyncFile(out);
    await out.close();
    out = undefined;
    await setMtimeNs(fs, dest, st.mtimeNs);
    return outcome(st, r);
  } catch (err) {
    if (out) await out.close().catch(() => undefined);
    if (created) await fs.unlink(dest).catch(() => undefined);
    throw err;
  } finally {
    await h.close();
  }
}

/** Sets a file's atime and mtime to `mtimeNs` (µs precision survives libuv; rule 14). */
export async function setMtimeNs(fs: Fs, file: string, mtimeNs: bigint): Promise<void> {
  const secs = Number(mtimeNs / 1000n) / 1e6;
  await fs.utimes(file, secs, secs);
}
