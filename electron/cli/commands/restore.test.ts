import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RestoreResult, ResetResult } from '../../../shared/schemas';
import { fakeProbe, fixtureHome, LINEAR, sha, STALE_ID, STALE_ROWS } from '../../core/store/testing/harness';
import { runCaptured } from '../testing/capture';

const overrides = { probe: fakeProbe(), inventory: async () => STALE_ROWS };
const tools = (home: string) => path.join(home, 'cache/codex_apps_tools', `${STALE_ID}.json`);

async function resetLinear(home: string): Promise<string> {
  const r = await runCaptured(['reset', '--codex-home', home, '--connector', LINEAR, '--json'], { overrides });
  assert.equal(r.code, 0, r.err);
  return ResetResult.parse(JSON.parse(r.out)).snapshot.id;
}

test('restore puts a backup back, names the undo, and the undo restores the state before', async () => {
  const home = fixtureHome();
  const original = sha(tools(home));
  const id = await resetLinear(home);
  fs.writeFileSync(tools(home), '{"schema_version":4,"tools":[]}');
  const r = await runCaptured(['restore', id, '--codex-home', home], { overrides, now: new Date('2026-11-24T00:01:00Z') });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`Restored 2 files from backup ${id}:`));
  assert.match(r.out, /Next: Quit Codex completely/);
  const undo = /To undo: relink restore (\S+)/.exec(r.out)![1]!;
  assert.equal(sha(tools(home)), original);
  const u = await runCaptured(['restore', undo, '--codex-home', home, '--json'], { overrides, now: new Date('2026-11-24T00:02:00Z') });
  assert.equal(u.code, 0, u.err);
  const v = RestoreResult.parse(JSON.parse(u.out));
  assert.equal(v.restoredFrom, undo);
  assert.equal(fs.readFileSync(tools(home), 'utf8'), '{"schema_version":4,"tools":[]}');
  assert.ok(!fs.existsSync(path.join(home, 'cache/codex_apps_server_info', `${STALE_ID}.json`)));
});

const BAD_IDS = ['../x', '/etc/passwd', 'a/../../b', '..', '.', '', '%2e%2e%2f', 'x\0y', '20260601T100001000Z-abc123\n', '20260601T100001000Z-ABC123',
  '２０２６0601T100001000Z-abc123', '20260601T100001000Z-abc1234', 'x'.repeat(10 * 1024 * 1024)];

test('every malformed id is refused with a clear line (exit 2) before anything changes; an unknown one is not found', async () => {
  const home = fixtureHome();
  const before = sha(tools(home));
  for (const id of BAD_IDS) {
    for (const argv of [['restore', id], ['diff', id], ['label', id, 'x'], ['verify', id]]) {
      const r = await runCaptured([...argv, '--codex-home', home], { overrides });
      assert.equal(r.code, 2, `${argv[0]} ${JSON.stringify(id.slice(0, 30))}: ${r.err}`);
      assert.match(r.err, /^relink: .*(not a snapshot id|is required)/);
      assert.ok(r.err.length < 300, 'the message never echoes a huge input');
    }
  }
  const r = await runCaptured(['restore', '20260601T100001000Z-abc123', '--codex-home', home, '--json'], { overrides });
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.out).code, 'not-found');
  assert.equal(sha(tools(home)), before);
  assert.deepEqual(fs.readdirSync(path.join(home, 'relink/backups')), []);
});

test('restoring a damaged backup is refused before any cache change', async () => {
  const home = fixtureHome();
  const id = await resetLinear(home);
  const held = path.join(home, 'relink/backups', id, 'files/codex_apps_tools', `${STALE_ID}.json`);
  const bytes = fs.readFileSync(held);
  bytes[10] = bytes[10]! ^ 1;
  fs.writeFileSync(held, bytes);
  fs.writeFileSync(tools(home), 'regenerated');
  const r = await runCaptured(['restore', id, '--codex-home', home], { overrides });
  assert.equal(r.code, 1);
  assert.match(r.err, /is damaged .*content does not match its hash.*nothing was changed/);
  assert.equal(fs.readFileSync(tools(home), 'utf8'), 'regenerated');
  const v = await runCaptured(['verify', '--codex-home', home], { overrides });
  assert.equal(v.code, 1);
  assert.match(v.out, new RegExp(`DAMAGED ${id}:\\n  cache/codex_apps_tools/${STALE_ID}\\.json: content does not match its hash`));
});
