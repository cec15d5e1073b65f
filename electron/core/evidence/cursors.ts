/**
 * Incremental-scan state: per evidence file its (inode, size, mtime, offset) and the failures
 * already found in the bytes before the offset, in `<stateDir>/evidence-cursors.json`.
 *
 * The file is Relink's own: written as a temp file then renamed. A missing, damaged or
 * foreign-version file just means a cold scan.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { AuthFailure } from '../../../shared/evidence';
import type { Fs } from '../fs-facade';
import { CREATE_EXCL } from '../fs-facade';
import type { FileStamp } from './file-read';
import { openRegular } from './file-read';

/** Failures remembered per file (newest kept); enough for the health rule and the report. */
export const MAX_FAILURES_PER_FILE = 200;

const Cursor = z.object({
  ino: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  offset: z.number().int().nonnegative(),
  failures: z.array(AuthFailure),
  /** When the file was last read (log databases are re-read at most every few minutes). */
  scannedAtMs: z.number().optional(),
});
/** One file's scan position and what was found before it. */
export type Cursor = z.infer<typeof Cursor>;

const State = z.object({ version: z.literal(1), files: z.record(z.string(), Cursor) });
/** All cursors, keyed by source path (relative to CODEX_HOME). */
export type CursorMap = Record<string, Cursor>;

const FILE = 'evidence-cursors.json';
const MAX_STATE_BYTES = 64 * 1024 * 1024;

/** Loads the cursors; an absent or unusable file gives an empty map. */
export async function loadCursors(fs: Fs, stateDir: string | undefined): Promise<CursorMap> {
  if (!stateDir) return {};
  try {
    const { handle, stamp } = await openRegular(fs, path.join(stateDir, FILE));
    try {
      if (stamp.size > MAX_STATE_BYTES) return {};
      const parsed = State.safeParse(JSON.parse((await handle.readFile()).toString('utf8')));
      return parsed.success ? parsed.data.files : {};
    } finally {
      await handle.close();
    }
  } catch {
    return {};
  }
}

/** Saves the cursors atomically (temp file + rename); failures are reported, never thrown. */
export async function saveCursors(fs: Fs, stateDir: string | undefined, files: CursorMap, nonce: string): Promise<string | null> {
  if (!stateDir) return null;
  const tmp = path.join(stateDir, `.${FILE}.${nonce}.tmp-relink`);
  try {
    await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
    const h = await fs.open(tmp, CREATE_EXCL, 0o600);
    try {
      await h.writeFile(JSON.stringify({ version: 1, files }));
      await fs.fsyncFile(h);
    } finally {
      await h.close();
    }
    await fs.rename(tmp, path.join(stateDir, FILE));
    return null;
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    return `could not save evidence cursors (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/** True when the file is the same version the cursor describes and nothing was appended. */
export function isUnchanged(c: Cursor | undefined, s: FileStamp): boolean {
  return c !== undefined && c.ino === s.ino && c.size === s.size && c.mtimeMs === s.mtimeMs;
}

/** True when the file only grew since the cursor (same inode, not truncated): read from the offset. */
export function isAppendOnly(c: Cursor | undefined, s: FileStamp): c is Cursor {
  return c !== undefined && c.ino === s.ino && s.size >= c.offset && s.size >= c.size;
}

/** Keeps the newest MAX_FAILURES_PER_FILE failures. */
export function capFailures(list: AuthFailure[]): AuthFailure[] {
  if (list.length <= MAX_FAILURES_PER_FILE) return list;
  return [...list].sort((a, b) => a.at.localeCompare(b.at)).slice(-MAX_FAILURES_PER_FILE);
}
