/**
 * Test-only helpers: a temp copy of a fixture CODEX_HOME with the mtimes the fixture README
 * prescribes, and a tree hash to prove a scan changed nothing. Never imported by production code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { FIXTURES_DIR, IDS } from '../testing/fixtures';

/** The repo's fixture trees. */
export const FIXTURES = FIXTURES_DIR;

/** Tools file of the stale-link account (same name before and after regeneration). */
export const STALE_TOOLS = 'cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json';
/** The rollout of the stale-link fixture. */
export const STALE_ROLLOUT = 'sessions/2026/05/27/rollout-2026-05-27T18-01-58-019e6b2a-7c1d-7e2f-9a3b-4c5d6e7f8091.jsonl';

/** Ids the fixtures use (one list: ../testing/fixtures.ts). */
export const LINEAR = IDS.linear;
export const GCAL = IDS.calendar;
export const OLD_LINK = IDS.staleLink;
export const NEW_LINK = IDS.regeneratedLink;
export const GCAL_LINK = 'link_2b3c4d5e6f708192a3b4c5d6e7f80910';

/** Cache mtime of the stale-link tree (before the first failure). */
export const CACHE_MTIME = new Date('2026-05-27T14:42:11Z');
/** Evidence files' mtime: just after the last record. */
export const EVIDENCE_MTIME = new Date('2026-05-27T18:06:00Z');
/** A clock inside the 14-day window. */
export const NOW = new Date('2026-05-28T09:00:00Z');

/** Copies `stale-link` (without `after-regeneration/`) to a temp dir and sets mtimes. */
export function staleHome(): { home: string; root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-evidence-'));
  const home = path.join(root, 'codex-home');
  fs.cpSync(path.join(FIXTURES, 'stale-link'), home, { recursive: true });
  fs.rmSync(path.join(home, 'after-regeneration'), { recursive: true, force: true });
  for (const f of walk(home)) {
    const t = f.includes(`${path.sep}cache${path.sep}`) ? CACHE_MTIME : EVIDENCE_MTIME;
    fs.utimesSync(f, t, t);
  }
  return { home, root };
}

/** Swaps in the regenerated tools file with a later mtime (fixture README, regeneration scenario). */
export function regenerate(home: string, when = new Date('2026-05-27T18:30:00Z')): void {
  const dst = path.join(home, STALE_TOOLS);
  fs.copyFileSync(path.join(FIXTURES, 'stale-link/after-regeneration', STALE_TOOLS), dst);
  fs.utimesSync(dst, when, when);
}

/** Every regular file under `dir`. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Hash of (path, bytes, mtime) of every file and the set of names: changes if anything is touched. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of walk(dir).sort()) {
    const st = fs.statSync(f);
    h.update(`${path.relative(dir, f)}\0${st.mtimeMs}\0`).update(fs.readFileSync(f));
  }
  return h.digest('hex');
}
