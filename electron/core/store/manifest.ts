/**
 * Manifests: written last and atomically (temp in the snapshot folder, fsync, rename, fsync
 * the folder; reliability.md §2 rule 4), read back strictly (zod, id = folder name, paths
 * limited to the four cache folders).
 */
import * as path from 'node:path';
import type { Result } from '../../../shared/schemas';
import { Snapshot } from '../../../shared/schemas';
import type { RandomHex } from '../deps';
import type { Fs } from '../fs-facade';
import { CREATE_EXCL, READ_NOFOLLOW, errnoOf } from '../fs-facade';
import { parseCachePath } from '../cache-layout';
import { fail, ok } from './errors';
import { FILE_MODE, MANIFEST } from './layout';

/** Prefix of a manifest being written; recovery removes or completes it. */
export const MANIFEST_TEMP_PREFIX = '.manifest-';
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** Writes `snap` as `<dir>/manifest.json` atomically, replacing any previous one (label edits). */
export async function writeManifest(fs: Fs, dir: string, snap: Snapshot, random: RandomHex): Promise<void> {
  const body = Buffer.from(JSON.stringify(Snapshot.parse(snap), null, 2) + '\n', 'utf8');
  const temp = path.join(dir, `${MANIFEST_TEMP_PREFIX}${random(6)}.tmp`);
  const h = await fs.open(temp, CREATE_EXCL, FILE_MODE);
  try {
    try {
      await h.chmod(FILE_MODE);
      let off = 0;
      while (off < body.length) off += (await h.write(body, off, body.length - off)).bytesWritten;
      await fs.fsyncFile(h);
    } finally {
      await h.close();
    }
    await fs.rename(temp, path.join(dir, MANIFEST));
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await fs.fsyncDir(dir);
}

/** Reads raw manifest bytes (bounded, never through a symlink); null when there is none. */
export async function readManifestBytes(fs: Fs, file: string): Promise<Buffer | null> {
  let h;
  try {
    h = await fs.open(file, READ_NOFOLLOW);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw err;
  }
  try {
    const st = await h.stat();
    if (!st.isFile() || st.size > MAX_MANIFEST_BYTES) throw Object.assign(new Error('bad manifest'), { code: 'EBADMANIFEST' });
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const { bytesRead } = await h.read(buf, off, st.size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await h.close();
  }
}

/** Parses and checks manifest bytes for the snapshot folder named `id`. */
export function parseManifest(bytes: Buffer, id: string): Result<Snapshot> {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('damaged', `Backup ${id}: manifest is not valid JSON`);
  }
  const parsed = Snapshot.safeParse(doc);
  if (!parsed.success) return fail('damaged', `Backup ${id}: manifest does not match the expected shape`);
  const snap = parsed.data;
  if (snap.id !== id) return fail('damaged', `Backup ${id}: manifest names another id`);
  const seen = new Set<string>();
  for (const f of snap.files) {
    const p = parseCachePath(f.path);
    if (!p || p.kind !== f.kind || seen.has(f.path)) return fail('damaged', `Backup ${id}: manifest lists an invalid path`);
    seen.add(f.path);
  }
  if (snap.absent.some((a) => parseCachePath(a) === null)) return fail('damaged', `Backup ${id}: manifest lists an invalid path`);
  return ok(snap);
}

/** Reads the committed manifest of the snapshot folder `dir` (named `id`); `not-found` if uncommitted. */
export async function readManifest(fs: Fs, dir: string, id: string): Promise<Result<Snapshot>> {
  let bytes: Buffer | null;
  try {
    bytes = await readManifestBytes(fs, path.join(dir, MANIFEST));
  } catch {
    return fail('damaged', `Backup ${id}: manifest cannot be read`);
  }
  if (bytes === null) return fail('not-found', `No backup with id ${id}`);
  return parseManifest(bytes, id);
}
