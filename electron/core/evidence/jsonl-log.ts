/**
 * Relink's own append-only JSONL logs in the store's `state/` folder (link drift, ladder runs).
 *
 * Appends are one `O_APPEND` write each (file 0600, folder 0700); reads skip damaged or foreign
 * lines (a torn append, a hand edit) and keep only the newest part of an oversized log.
 */
import * as path from 'node:path';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { z } from 'zod';
import type { Fs } from '../fs-facade';
import { errnoOf } from '../fs-facade';
import { openRegular } from './file-read';

const APPEND = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
const MAX_LOG_BYTES = 16 * 1024 * 1024;
const MAX_LINE = 64 * 1024;

/** Reads every valid record of `file`; an absent file has none. */
export async function readJsonl<T>(fs: Fs, file: string, schema: z.ZodType<T>): Promise<T[]> {
  let opened;
  try {
    opened = await openRegular(fs, file);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return [];
    throw err;
  }
  try {
    const start = Math.max(0, opened.stamp.size - MAX_LOG_BYTES);
    const buf = Buffer.alloc(opened.stamp.size - start);
    await opened.handle.read(buf, 0, buf.length, start);
    const out: T[] = [];
    for (const line of buf.toString('utf8').split('\n')) {
      if (line.length === 0 || line.length > MAX_LINE) continue;
      try {
        const r = schema.safeParse(JSON.parse(line));
        if (r.success) out.push(r.data);
      } catch {
        // not JSON: skip
      }
    }
    return out;
  } finally {
    await opened.handle.close();
  }
}

/** Appends `records` to `dir/name` with one write, starting on a fresh line after a torn append. */
export async function appendJsonl(fs: Fs, dir: string, name: string, records: unknown[]): Promise<void> {
  if (records.length === 0) return;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const h = await fs.open(path.join(dir, name), APPEND, 0o600);
  try {
    const st = await h.stat();
    const lead = st.size > 0 && !(await endsWithNewline(h, st.size));
    await h.write((lead ? '\n' : '') + records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await fs.fsyncFile(h);
  } finally {
    await h.close();
  }
}

async function endsWithNewline(h: FileHandle, size: number): Promise<boolean> {
  const b = Buffer.alloc(1);
  await h.read(b, 0, 1, size - 1);
  return b[0] === 0x0a;
}
