/**
 * The log database `CODEX_HOME/logs_*.sqlite` (codex-caches.md §9.2), read from a private copy.
 *
 * Codex's live database is never opened in place: even `readOnly` creates `-wal`/`-shm` files
 * and WAL readers write read marks (§9.2, toolchain.md pitfall 8). So the database and its
 * `-wal`/`-shm` are copied into a fresh 0700 temp folder and the copy is queried, only for
 * rows newer than the last scan's highest id.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuthFailure } from '../../../shared/evidence';
import type { Fs } from '../fs-facade';
import { CREATE_EXCL } from '../fs-facade';
import { capFailures, isUnchanged } from './cursors';
import type { FileStamp } from './file-read';
import { openRegular } from './file-read';
import { failureFromLogText, LOG_NEEDLES } from './log-line';
import type { SourceContext } from './source-context';
import { reasonOf, stampOf } from './source-context';

type SqliteModule = typeof import('node:sqlite');

/** `node:sqlite` when this runtime has it (Electron's embedded Node is unverified, §14). */
export async function loadSqlite(): Promise<SqliteModule | null> {
  try {
    return await import('node:sqlite');
  } catch {
    return null;
  }
}

/** The database and its WAL folded into one stamp: any change to either is a change. */
function combined(db: FileStamp, wal: FileStamp | null): FileStamp {
  return { ino: db.ino, size: db.size + (wal?.size ?? 0), mtimeMs: Math.max(db.mtimeMs, wal?.mtimeMs ?? 0) };
}

/** Least time between two reads of a changing log database. */
export const LOG_DB_MIN_INTERVAL_MS = 5 * 60_000;

/**
 * Scans every `logs_<n>.sqlite` (older releases used `logs_1`) in CODEX_HOME, or in
 * `CODEX_SQLITE_HOME` when set (it moves only the databases: codex-rs/state/src/lib.rs).
 */
export async function scanLogDbs(ctx: SourceContext, tmpRoot: string, sqliteHome = ctx.codexHome): Promise<void> {
  let names: string[];
  try {
    names = (await ctx.fs.readdir(sqliteHome)).filter((n) => /^logs_\d+\.sqlite$/.test(n)).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const abs = path.join(sqliteHome, name);
    const rel = path.relative(ctx.codexHome, abs).split(path.sep).join('/');
    const db = await stampOf(ctx.fs, abs);
    if (!db) continue;
    const stamp = combined(db, await stampOf(ctx.fs, abs + '-wal'));
    if (stamp.mtimeMs < ctx.cutoffMs) continue;
    const prev = ctx.prev[rel];
    // A running Codex writes this database all the time, and each read copies it (hundreds of
    // MB for heavy users, openai/codex#29798): between scans a few minutes apart, keep what the
    // last read found. Rollouts, the primary evidence, are still read on every scan.
    const recent = prev !== undefined && prev.ino === stamp.ino && prev.scannedAtMs !== undefined && ctx.nowMs - prev.scannedAtMs >= 0 && ctx.nowMs - prev.scannedAtMs < LOG_DB_MIN_INTERVAL_MS;
    if (isUnchanged(prev, stamp) || recent) {
      ctx.next[rel] = prev!;
      ctx.failures.push(...prev!.failures);
      continue;
    }
    const resume = prev !== undefined && prev.ino === stamp.ino;
    try {
      const got = await queryCopy(ctx, abs, rel, tmpRoot, resume ? prev.offset : 0);
      const failures = capFailures([...(resume ? prev.failures : []), ...got.failures]);
      ctx.next[rel] = { ...stamp, offset: got.maxId, failures, scannedAtMs: ctx.nowMs };
      ctx.failures.push(...failures);
    } catch (err) {
      ctx.problems.push(`${rel}: log database unavailable (${reasonOf(err)})`);
    }
  }
}

/** Copies one file into `dir` through Relink-owned handles; absent sources are skipped. */
async function copyInto(fs: Fs, src: string, dir: string): Promise<void> {
  let opened;
  try {
    opened = await openRegular(fs, src);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const { handle } = opened;
  try {
    const out = await fs.open(path.join(dir, path.basename(src)), CREATE_EXCL, 0o600);
    try {
      const buf = Buffer.allocUnsafe(1024 * 1024);
      for (let pos = 0; ; ) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        await out.write(buf, 0, bytesRead);
        pos += bytesRead;
      }
    } finally {
      await out.close();
    }
  } finally {
    await handle.close();
  }
}

async function queryCopy(ctx: SourceContext, abs: string, rel: string, tmpRoot: string, afterId: number): Promise<{ failures: AuthFailure[]; maxId: number }> {
  const sqlite = await loadSqlite();
  if (!sqlite) throw new Error('this runtime has no node:sqlite');
  const dir = path.join(tmpRoot, `relink-logdb-${randomBytes(6).toString('hex')}`);
  await ctx.fs.mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    for (const suffix of ['', '-wal', '-shm']) await copyInto(ctx.fs, abs + suffix, dir);
    // The copy is ours: opened read-write so SQLite can fold the copied WAL in.
    const db = new sqlite.DatabaseSync(path.join(dir, path.basename(abs)));
    try {
      return selectFailures(db, rel, afterId, Math.floor(ctx.cutoffMs / 1000));
    } finally {
      db.close();
    }
  } finally {
    await ctx.fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function selectFailures(db: InstanceType<SqliteModule['DatabaseSync']>, rel: string, afterId: number, sinceTs: number): { failures: AuthFailure[]; maxId: number } {
  const cols = new Set(db.prepare('PRAGMA table_info(logs)').all().map((r) => String((r as { name: unknown }).name)));
  if (!cols.has('id') || !cols.has('ts')) throw new Error('no logs table');
  // `feedback_log_body` was `message` before logs migration 0002 (state/logs_migrations @0.145).
  const body = cols.has('feedback_log_body') ? 'feedback_log_body' : cols.has('message') ? 'message' : null;
  if (!body) throw new Error('unknown logs schema');
  const nanos = cols.has('ts_nanos') ? 'ts_nanos' : '0';
  const likes = LOG_NEEDLES.map(() => `${body} LIKE ?`).join(' OR ');
  const sql = `SELECT id, ts, ${nanos} AS nanos, ${body} AS body FROM logs WHERE id > ? AND ts >= ? AND (${likes}) ORDER BY id`;
  const failures: AuthFailure[] = [];
  for (const row of db.prepare(sql).iterate(afterId, sinceTs, ...LOG_NEEDLES.map((n) => `%${n}%`))) {
    const r = row as { ts: number; nanos: number; body: unknown };
    const hit = typeof r.body === 'string' ? failureFromLogText(r.body.slice(0, 65536)) : null;
    const ms = Number(r.ts) * 1000 + Math.floor(Number(r.nanos) / 1e6);
    if (hit && Number.isFinite(ms) && Math.abs(ms) < 8.64e15) failures.push({ at: new Date(ms).toISOString(), ...hit, source: rel, kind: 'log-db' });
  }
  const max = db.prepare('SELECT MAX(id) AS m FROM logs').get() as { m: number | null } | undefined;
  return { failures, maxId: Math.max(afterId, Number(max?.m ?? 0)) };
}
