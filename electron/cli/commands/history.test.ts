import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { PruneReport, ResetResult, Snapshot, SnapshotDiff, VerifyReport } from '../../../shared/schemas';
import { fakeProbe, fixtureHome, LINEAR, STALE_ID, STALE_ROWS } from '../../core/store/testing/harness';
import { runCaptured } from '../testing/capture';

const overrides = { probe: fakeProbe(), inventory: async () => STALE_ROWS };
const tools = (home: string) => path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`);

async function reset(home: string, now: string, argv: string[]): Promise<Snapshot> {
  const r = await runCaptured(['reset', '--codex-home', home, ...argv, '--json'], { overrides, now: new Date(now) });
  assert.equal(r.code, 0, r.err);
  return ResetResult.parse(JSON.parse(r.out)).snapshot;
}

test('history lists backups newest first (human and --json), label renames, diff compares', async () => {
  const home = fixtureHome();
  const empty = await runCaptured(['history', '--codex-home', home], { overrides });
  assert.equal(empty.out, 'No backups yet.');
  const a = await reset(home, '2026-11-20T08:00:00Z', ['--connector', LINEAR, '--label', 'first try']);
  fs.writeFileSync(tools(home), '{"schema_version":4,"tools":[]}');
  const b = await reset(home, '2026-11-21T08:00:00Z', ['--all']);
  const h = await runCaptured(['history', '--codex-home', home], { overrides });
  assert.equal(h.code, 0);
  const lines = h.out.split('\n');
  assert.match(lines[0]!, new RegExp(`^${b.id}  2026-11-21 08:00:00 UTC  reset-all  2 files`));
  assert.ok(h.out.indexOf(a.id) > h.out.indexOf(b.id));
  assert.match(h.out, new RegExp(`${a.id}  2026-11-20 08:00:00 UTC  reset \\(Linear\\)  "first try"  2 files`));
  assert.match(h.out, /Linear \[41055d6b\]: link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b/);
  const j = await runCaptured(['history', '--codex-home', home, '--json'], { overrides });
  const arr = (JSON.parse(j.out) as unknown[]).map((x) => Snapshot.parse(x));
  assert.deepEqual(arr.map((s) => s.id), [b.id, a.id]);
  assert.deepEqual(Object.keys(arr[0]!.files[0]!).sort(), ['bytes', 'identity', 'kind', 'mode', 'modifiedAt', 'mtimeNs', 'path', 'sha256']);

  const l = await runCaptured(['label', a.id, 'kept forever', '--codex-home', home, '--json'], { overrides });
  assert.equal(l.code, 0, l.err);
  assert.equal(Snapshot.parse(JSON.parse(l.out)).label, 'kept forever');

  const d = await runCaptured(['diff', a.id, b.id, '--codex-home', home, '--json'], { overrides });
  assert.equal(d.code, 0, d.err);
  const diff = SnapshotDiff.parse(JSON.parse(d.out));
  assert.equal(diff.files.find((f) => f.path === `cache/codex_apps_tools/${STALE_ID}.json`)?.change, 'changed');
  // `a` (a Linear reset) never held the directory, so the diff does not claim it was added.
  assert.equal(diff.files.find((f) => f.path.startsWith('cache/codex_app_directory/')), undefined);
  const dh = await runCaptured(['diff', a.id, '--codex-home', home], { overrides });
  assert.match(dh.out, new RegExp(`^From ${a.id} to current:`));
  assert.match(dh.out, /removed  cache\/codex_apps_server_info/);
});

test('verify reports intact backups and exit 0; prune --dry-run keeps the newest and changes nothing', async () => {
  const home = fixtureHome();
  const a = await reset(home, '2026-11-20T08:00:00Z', ['--connector', LINEAR]);
  const v = await runCaptured(['verify', '--codex-home', home, '--json'], { overrides });
  assert.equal(v.code, 0, v.err);
  assert.deepEqual(VerifyReport.parse(JSON.parse(v.out)).ok, [a.id]);
  const p = await runCaptured(['prune', '--dry-run', '--codex-home', home, '--json'], { overrides, now: new Date('2027-06-01T00:00:00Z') });
  assert.equal(p.code, 0, p.err);
  const rep = PruneReport.parse(JSON.parse(p.out));
  assert.deepEqual(rep.kept, [{ id: a.id, why: 'newest' }]);
  assert.deepEqual(rep.removed, []);
  const human = await runCaptured(['prune', '--codex-home', home], { overrides });
  assert.match(human.out, /^Removed 0 backups \(0 B\); keeping 1\./);
  assert.ok(fs.existsSync(path.join(home, 'relink/backups', a.id, 'manifest.json')));
});
