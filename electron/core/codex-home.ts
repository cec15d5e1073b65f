/**
 * Resolves CODEX_HOME the way Codex does (codex-caches.md §7), without ever creating it.
 */
import * as path from 'node:path';
import type { Fs } from './fs-facade';
import { errnoOf } from './fs-facade';
import type { Env } from './deps';

/** A resolved, canonical CODEX_HOME, or why it cannot be used. */
export type HomeResolution =
  | { ok: true; path: string; source: 'flag' | 'env' | 'default' }
  | { ok: false; code: 'codex-home-missing' | 'bad-input'; message: string };

/**
 * `--codex-home DIR` beats `CODEX_HOME`, which beats `~/.codex`.
 *
 * The directory must exist and be a directory (symlinks are canonicalized, as Codex does).
 */
export async function resolveCodexHome(fs: Fs, env: Env, flag?: string): Promise<HomeResolution> {
  const source = flag !== undefined ? 'flag' : env.CODEX_HOME ? 'env' : 'default';
  const raw = flag ?? (env.CODEX_HOME || path.join(env.home, '.codex'));
  if (raw.length === 0) return { ok: false, code: 'bad-input', message: 'CODEX_HOME is empty' };
  if (raw.includes('\0')) return { ok: false, code: 'bad-input', message: 'CODEX_HOME contains a NUL byte' };
  const abs = path.resolve(raw);
  let real: string;
  try {
    real = await fs.realpath(abs);
  } catch (err) {
    const code = errnoOf(err);
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not accessible (permission denied)' : `cannot be read (${code ?? 'error'})`;
    return { ok: false, code: 'codex-home-missing', message: `Codex home ${abs} ${why}` };
  }
  try {
    const st = await fs.stat(real);
    if (!st.isDirectory()) return { ok: false, code: 'codex-home-missing', message: `Codex home ${abs} is not a directory` };
  } catch (err) {
    return { ok: false, code: 'codex-home-missing', message: `Codex home ${abs} cannot be read (${errnoOf(err) ?? 'error'})` };
  }
  return { ok: true, path: real, source };
}
