/**
 * Which Codex the user runs, as far as can be known cheaply, and which cache schemas it reads.
 *
 * Sources (all bounded): the newest rollout's `session_meta.cli_version`, the `codex` binary on
 * PATH (`codex --version`, 3 s), and Codex Desktop's bundled CLI on macOS. The newest version
 * seen wins (Desktop and the CLI update themselves). Unknown → assume the newest schema.
 */
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import type { Fs } from './fs-facade';
import { READ_NOFOLLOW } from './fs-facade';
import type { Env } from './deps';
import { findCodexOnPath } from './app-server-client';

/** A detected Codex version and where it came from. */
export interface CodexVersion {
  version: string;
  source: string;
}

/** The newest tools-cache schema Relink knows (openai/codex#28947, still current in 0.169.0). */
export const NEWEST_TOOLS_SCHEMA = 4;
/** Schema of server-info, directory and catalog caches in every release Relink knows. */
export const OTHER_CACHE_SCHEMA = 1;

/**
 * The tools schema a Codex version reads. Checked: 0.145.0 (reference) through 0.169.0 read 4.
 * Older boundaries follow the PR dates (schema 3 on 2026-05-26, 4 on 2026-06-18) and release
 * dates, which are approximate (codex-caches.md §14).
 */
export function toolsSchemaFor(version: string | null): number {
  if (version === null) return NEWEST_TOOLS_SCHEMA;
  const v = parseVersion(version);
  if (!v) return NEWEST_TOOLS_SCHEMA;
  if (compare(v, [0, 145, 0]) >= 0) return 4;
  if (compare(v, [0, 134, 0]) >= 0) return 3;
  if (compare(v, [0, 118, 0]) >= 0) return 2;
  return 1;
}

/** `1.2.3` (optionally prefixed, e.g. `codex-cli 0.169.0`) → [1, 2, 3]. */
export function parseVersion(s: string): [number, number, number] | null {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! - b[i]!;
  return 0;
}

/** Picks the newest of several detected versions. */
export function newestVersion(found: CodexVersion[]): CodexVersion | null {
  let best: CodexVersion | null = null;
  for (const f of found) {
    const v = parseVersion(f.version);
    if (!v) continue;
    if (!best || compare(v, parseVersion(best.version)!) > 0) best = f;
  }
  return best;
}

/** Runs `bin --version` with a time limit; null on any failure. */
export type VersionCommand = (bin: string) => Promise<string | null>;

/** The real `--version` runner: 3 s limit, 4 KB output. */
export const runVersionCommand: VersionCommand = (bin) =>
  new Promise((resolve) => {
    execFile(bin, ['--version'], { timeout: 3000, maxBuffer: 4096, windowsHide: true }, (err, stdout) => {
      resolve(err ? null : String(stdout).trim().slice(0, 200) || null);
    });
  });

/** Reads the `cli_version` of the newest rollout (sessions/YYYY/MM/DD/rollout-*.jsonl). */
export async function versionFromRollouts(fs: Fs, codexHome: string): Promise<CodexVersion | null> {
  const sessions = path.join(codexHome, 'sessions');
  const newestDir = async (dir: string, depth: number): Promise<string[]> => {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const pattern = depth < 3 ? /^\d{2,4}$/ : /^rollout-.*\.jsonl$/;
    return names.filter((n) => pattern.test(n)).sort().reverse();
  };
  for (const y of await newestDir(sessions, 0)) {
    for (const m of await newestDir(path.join(sessions, y), 1)) {
      for (const d of await newestDir(path.join(sessions, y, m), 2)) {
        const dayDir = path.join(sessions, y, m, d);
        for (const f of (await newestDir(dayDir, 3)).slice(0, 5)) {
          const v = await firstLineVersion(fs, path.join(dayDir, f));
          if (v) return { version: v, source: `sessions/${y}/${m}/${d}/${f}` };
        }
      }
    }
  }
  return null;
}

async function firstLineVersion(fs: Fs, file: string): Promise<string | null> {
  let h;
  try {
    const st = await fs.lstat(file);
    if (!st.isFile()) return null;
    h = await fs.open(file, READ_NOFOLLOW);
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await h.read(buf, 0, buf.length, 0);
    const line = buf.subarray(0, bytesRead).toString('utf8').split('\n', 1)[0]!;
    const m = /"cli_version"\s*:\s*"([^"]{1,40})"/.exec(line);
    return m && parseVersion(m[1]!) ? m[1]! : null;
  } catch {
    return null;
  } finally {
    await h?.close().catch(() => undefined);
  }
}

/** Detection deps: the version runner is injectable so tests never run a real binary. */
export interface VersionDeps {
  fs: Fs;
  env: Env;
  codexHome: string;
  runVersion?: VersionCommand;
  /**
   * Answers of `--version` by binary, reused while the binary's size and mtime are unchanged
   * (a long-lived app would otherwise start Codex's binary on every rescan).
   */
  versionCache?: Map<string, { stamp: string; out: string | null }>;
}

/** Detects the user's Codex version from every cheap source; null when nothing says. */
export async function detectCodexVersion(deps: VersionDeps): Promise<CodexVersion | null> {
  const run = deps.runVersion ?? runVersionCommand;
  const found: CodexVersion[] = [];
  const fromRollout = await versionFromRollouts(deps.fs, deps.codexHome);
  if (fromRollout) found.push(fromRollout);
  const bins: Array<[string, string]> = [];
  const onPath = await findCodexOnPath(deps.fs, deps.env);
  if (onPath) bins.push([onPath, 'codex on PATH']);
  if (deps.env.platform === 'darwin') {
    for (const app of ['/Applications/Codex.app', path.join(deps.env.home, 'Applications/Codex.app')]) {
      bins.push([path.join(app, 'Contents/Resources/codex'), 'Codex Desktop']);
    }
  }
  for (const [bin, source] of bins) {
    const st = await deps.fs.stat(bin).catch(() => null);
    if (!st?.isFile()) continue;
    const stamp = `${st.size}:${st.mtimeMs}`;
    const hit = deps.versionCache?.get(bin);
    const out = hit?.stamp === stamp ? hit.out : await run(bin);
    deps.versionCache?.set(bin, { stamp, out });
    const v = out ? parseVersion(out) : null;
    if (v) found.push({ version: v.join('.'), source });
  }
  return newestVersion(found);
}
