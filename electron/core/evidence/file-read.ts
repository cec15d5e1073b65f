/**
 * Read-only, bounded scans of evidence files: plain text from an offset, and zstd streams.
 *
 * Files are opened `O_RDONLY|O_NOFOLLOW|O_NONBLOCK` and checked to be regular (a FIFO never
 * blocks us, reliability.md rule 13); nothing is ever written (rule 22).
 */
import * as zlib from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import type { Fs } from '../fs-facade';
import { READ_NOFOLLOW } from '../fs-facade';
import { CHUNK_BYTES, LineScanner } from './line-scan';

/** Identity of a file version for incremental scans. */
export interface FileStamp {
  ino: string;
  size: number;
  mtimeMs: number;
}

/** What a scan saw: the stamp at open, the resumable offset, and the scanner (for its tail). */
export interface ScanOutcome {
  stamp: FileStamp;
  scanner: LineScanner;
}

/** Opens a regular file read-only without following symlinks, or throws a one-line Error. */
export async function openRegular(fs: Fs, abs: string): Promise<{ handle: FileHandle; stamp: FileStamp }> {
  const handle = await fs.open(abs, READ_NOFOLLOW);
  try {
    const st = await handle.stat({ bigint: true });
    if (!st.isFile()) throw new Error('not a regular file');
    return { handle, stamp: { ino: `${st.dev}:${st.ino}`, size: Number(st.size), mtimeMs: Number(st.mtimeMs) } };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Scans `[offset, size at open)` of a plain file line by line.
 *
 * Bytes appended after the open are left for the next scan, so a file being written never
 * makes a scan run forever; the scanner's `consumed` is relative to `offset`.
 */
export async function scanPlainFile(fs: Fs, abs: string, offset: number, scanner: LineScanner): Promise<ScanOutcome> {
  const { handle, stamp } = await openRegular(fs, abs);
  try {
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK_BYTES, stamp.size - offset)));
    let pos = offset;
    while (pos < stamp.size) {
      const want = Math.min(buf.length, stamp.size - pos);
      const { bytesRead } = await handle.read(buf, 0, want, pos);
      if (bytesRead === 0) break; // truncated under us: stop at what exists
      scanner.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    return { stamp, scanner };
  } finally {
    await handle.close();
  }
}

/** Most bytes one compressed rollout may expand to. */
export const MAX_ZSTD_OUTPUT_BYTES = 4 * 1024 * 1024 * 1024;

/** True when this Node has zstd streams (Node ≥ 23.8; Electron's Node is unverified). */
export function hasZstd(): boolean {
  return typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';
}

/**
 * Decompresses a `.jsonl.zst` file as a stream into `scanner`, with bounded memory.
 *
 * Rejects with a one-line Error when the bytes are not zstd or the stream is damaged.
 */
export async function scanZstdFile(fs: Fs, abs: string, scanner: LineScanner): Promise<ScanOutcome> {
  if (!hasZstd()) throw new Error('compressed rollout not readable: this runtime has no zstd support');
  const { handle, stamp } = await openRegular(fs, abs);
  try {
    const source = handle.createReadStream({ highWaterMark: CHUNK_BYTES, autoClose: false, start: 0 });
    const z = (zlib as unknown as { createZstdDecompress(): NodeJS.ReadWriteStream }).createZstdDecompress();
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => {
        source.destroy();
        (z as unknown as { destroy(): void }).destroy();
        reject(new Error(`not readable as zstd (${err.message.split('\n')[0]})`));
      };
      source.on('error', fail);
      z.on('error', fail);
      let total = 0;
      z.on('data', (chunk: Buffer) => {
        total += chunk.length;
        // A small file can expand without bound (a zstd bomb): stop at a size no rollout reaches.
        if (total > MAX_ZSTD_OUTPUT_BYTES) fail(new Error('decompressed size over the limit'));
        else scanner.push(chunk);
      });
      z.on('end', () => resolve());
      source.pipe(z);
    });
    return { stamp, scanner };
  } finally {
    await handle.close();
  }
}
