/**
 * What every evidence source reads and writes during one scan.
 */
import * as path from 'node:path';
import type { AuthFailure } from '../../../shared/evidence';
import type { Fs } from '../fs-facade';
import { errnoOf } from '../fs-facade';
import type { CursorMap } from './cursors';
import type { FileStamp } from './file-read';

/** One scan's shared state: old cursors in, new cursors, failures and problems out. */
export interface SourceContext {
  fs: Fs;
  codexHome: string;
  /** Files last modified before this time (ms since epoch) are skipped. */
  cutoffMs: number;
  /** The scan's "now" (ms since epoch), from the injected clock. */
  nowMs: number;
  prev: CursorMap;
  next: CursorMap;
  failures: AuthFailure[];
  problems: string[];
}

/** A candidate file found by a walk. */
export interface FoundFile {
  abs: string;
  rel: string;
  stamp: FileStamp;
}

/** lstat as a stamp; null when absent or not a regular file. */
export async function stampOf(fs: Fs, abs: string): Promise<FileStamp | null> {
  try {
    const st = await fs.lstatBig(abs);
    if (!st.isFile()) return null;
    return { ino: `${st.dev}:${st.ino}`, size: Number(st.size), mtimeMs: Number(st.mtimeMs) };
  } catch {
    return null;
  }
}

/**
 * Walks `dir` (not following symlinks) up to `depth` levels and returns regular files whose
 * name passes `accept` and whose mtime is within the look-back window.
 */
export async function walkRecent(ctx: SourceContext, dir: string, relBase: string, depth: number, accept: (name: string) => boolean): Promise<FoundFile[]> {
  let names: string[];
  try {
    names = await ctx.fs.readdir(dir);
  } catch (err) {
    const code = errnoOf(err);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') ctx.problems.push(`${relBase}: folder not readable (${code ?? 'error'})`);
    return [];
  }
  const out: FoundFile[] = [];
  for (const name of names.sort()) {
    const abs = path.join(dir, name);
    const rel = `${relBase}/${name}`;
    let st;
    try {
      st = await ctx.fs.lstatBig(abs);
    } catch {
      continue; // vanished between readdir and lstat
    }
    if (st.isDirectory() && depth > 0) out.push(...(await walkRecent(ctx, abs, rel, depth - 1, accept)));
    else if (st.isFile() && accept(name) && Number(st.mtimeMs) >= ctx.cutoffMs) {
      out.push({ abs, rel, stamp: { ino: `${st.dev}:${st.ino}`, size: Number(st.size), mtimeMs: Number(st.mtimeMs) } });
    }
  }
  return out;
}

/** A short, path-free reason for an error. */
export function reasonOf(err: unknown): string {
  const code = errnoOf(err);
  if (code) return code;
  return err instanceof Error ? err.message.split('\n')[0]!.slice(0, 160) : 'error';
}
