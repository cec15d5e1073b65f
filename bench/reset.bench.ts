/**
 * Backup-store benchmark (real fsync). Prints one JSON line per measurement:
 * { name, ms, baselineMs?, ratio?, ... }.
 *
 * - reset of a connector whose tools file is 32 MiB, store on the same volume (a `rename`:
 *   should cost about the same as for a tiny file) vs on another volume (/dev/shm: copy, fsync,
 *   verify, aside) vs a bare `fs.copyFile` of the same bytes;
 * - restore of that 32 MiB backup (copy to a temp, fsync, hash, link) and its undo;
 * - reset --all of 2,000 small entries.
 *
 * Run: `npx tsx bench/reset.bench.ts`. Inputs are generated in temp dirs and removed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createNodeFs } from '../electron/core/fs-facade';
import { openStore } from '../electron/core/store/index';

const ID = 'ab'.repeat(20);
const CONNECTOR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const round = (x: number) => Math.round(x * 100) / 100;

function makeHome(toolsBytes: number): string {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'relink-bench-')));
  for (const k of ['codex_apps_tools', 'codex_apps_server_info']) fs.mkdirSync(path.join(home, 'cache', k), { recursive: true });
  fs.writeFileSync(path.join(home, 'cache/codex_apps_tools', `${ID}.json`), Buffer.alloc(toolsBytes, 0x61));
  fs.writeFileSync(path.join(home, 'cache/codex_apps_server_info', `${ID}.json`), '{"schema_version":1}');
  return home;
}

function store(home: string, storeDir?: string) {
  return openStore({
    fs: createNodeFs(),
    clock: { now: () => new Date() },
    codexHome: home,
    storeDir,
    probe: { list: async () => [] },
    inventory: async () => [{ identity: ID, id: CONNECTOR, name: 'Bench', linkIds: ['link_x'] }],
    appVersion: 'bench',
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function resetCase(bytes: number, storeDir: (home: string) => string | undefined) {
  const home = makeHome(bytes);
  try {
    const r = await timed(() => store(home, storeDir(home)).resetConnector({ connectorId: CONNECTOR }));
    if (!r.value.ok) throw new Error(r.value.message);
    return { ms: r.ms, home, id: r.value.value.snapshot.id };
  } catch (err) {
    fs.rmSync(home, { recursive: true, force: true });
    throw err;
  }
}

async function main() {
  const big = 32 * 1024 * 1024;
  const tiny = await resetCase(1024, () => undefined);
  const same = await resetCase(big, () => undefined);
  console.log(JSON.stringify({ name: 'reset, 32 MiB tools file, same volume (rename) vs 1 KiB', ms: round(same.ms), baselineMs: round(tiny.ms), ratio: round(same.ms / tiny.ms) }));

  const copySrc = path.join(same.home, 'copy-src.bin');
  fs.writeFileSync(copySrc, Buffer.alloc(big, 0x61));
  const shm = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/relink-bench-') : null;
  if (shm) {
    const base = await timed(async () => fs.copyFileSync(copySrc, path.join(shm, 'baseline.bin')));
    const other = await resetCase(big, () => path.join(shm, 'store'));
    console.log(JSON.stringify({ name: 'reset, 32 MiB, store on /dev/shm (copy+fsync+verify+aside) vs fs.copyFile', ms: round(other.ms), baselineMs: round(base.ms), ratio: round(other.ms / base.ms) }));
    fs.rmSync(other.home, { recursive: true, force: true });
    fs.rmSync(shm, { recursive: true, force: true });
  }

  const s = store(same.home);
  const restore = await timed(() => s.restore({ id: same.id }));
  if (!restore.value.ok) throw new Error(restore.value.message);
  const base = await timed(async () => fs.copyFileSync(copySrc, path.join(same.home, 'baseline.bin')));
  console.log(JSON.stringify({ name: 'restore, 32 MiB (copy to temp, fsync, hash, link, mtime) vs fs.copyFile', ms: round(restore.ms), baselineMs: round(base.ms), ratio: round(restore.ms / base.ms) }));
  const undo = await timed(() => s.restore({ id: restore.value.ok ? restore.value.value.undo.id : '' }));
  console.log(JSON.stringify({ name: 'undo of that restore', ms: round(undo.ms), ok: undo.value.ok }));
  fs.rmSync(same.home, { recursive: true, force: true });
  fs.rmSync(tiny.home, { recursive: true, force: true });

  const many = makeHome(16);
  const dir = path.join(many, 'cache/codex_app_directory');
  fs.mkdirSync(dir);
  for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(dir, `${i.toString(16).padStart(40, '0')}.json`), `{"n":${i}}`);
  const all = await timed(() => store(many).resetAll({}));
  console.log(JSON.stringify({ name: 'reset --all, 2,002 small entries', ms: round(all.ms), ok: all.value.ok, perEntryMs: round(all.ms / 2002) }));
  fs.rmSync(many, { recursive: true, force: true });
}

void main();
