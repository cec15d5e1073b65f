import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Snapshot } from '../../../shared/schemas';
import { planRetention } from './retention';
import { fixtureHome, manifests, steppingClock, testStore } from './testing/harness';

const snap = (id: string, createdAt: string, label: string | null = null) => ({ id, createdAt, label });
const idAt = (iso: string, suffix = 'aaaaaa') => `${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 23).replace(/[:.]/g, '')}Z-${suffix}`;

test('retention keeps the newest, the last 24 h, one per day for 30 days, the 20 newest and labelled ones', () => {
  const now = new Date('2026-06-30T12:00:00Z');
  const snaps = [] as ReturnType<typeof snap>[];
  // 40 days, 3 snapshots a day at 00:00, 06:00, 11:00.
  for (let d = 0; d < 40; d++) {
    for (const h of ['00', '06', '11']) {
      const iso = new Date(now.getTime() - d * 86400_000).toISOString().slice(0, 10) + `T${h}:00:00.000Z`;
      snaps.push(snap(idAt(iso), iso));
    }
  }
  const labelled = snaps.find((s) => s.createdAt.startsWith('2026-05-25T06'))!;
  labelled.label = 'keep me';
  const { keep, drop } = planRetention(snaps, now);
  const sorted = [...snaps].sort((a, b) => (a.id < b.id ? 1 : -1));
  assert.equal(keep.get(sorted[0]!.id), 'newest');
  for (const s of sorted.slice(0, 20)) assert.ok(keep.has(s.id), 'the 20 newest are kept');
  for (const s of snaps.filter((s) => now.getTime() - Date.parse(s.createdAt) < 86400_000)) assert.ok(keep.has(s.id));
  assert.equal(keep.get(labelled.id), 'labelled');
  for (let d = 0; d < 30; d++) {
    const day = new Date(now.getTime() - d * 86400_000).toISOString().slice(0, 10);
    assert.ok(keep.has(idAt(`${day}T11:00:00.000Z`)), `newest of ${day} kept`);
  }
  assert.ok(drop.includes(idAt('2026-05-28T11:00:00.000Z')), 'beyond 30 days goes');
  assert.ok(drop.includes(idAt('2026-06-20T00:00:00.000Z')), 'older same-day ones go');
  assert.equal(keep.size + drop.length, snaps.length);
});

test('retention with few snapshots, or a clock moved back, removes nothing', () => {
  const few = [snap(idAt('2020-01-01T00:00:00.000Z'), '2020-01-01T00:00:00.000Z'), snap(idAt('2020-01-02T00:00:00.000Z'), '2020-01-02T00:00:00.000Z')];
  assert.deepEqual(planRetention(few, new Date('2026-01-01T00:00:00Z')).drop, []);
  const future = Array.from({ length: 30 }, (_, i) => {
    const iso = new Date(Date.parse('2026-03-01T00:00:00Z') + i * 86400_000).toISOString();
    return snap(idAt(iso), iso);
  });
  assert.deepEqual(planRetention(future, new Date('2026-01-01T00:00:00Z')).drop, []);
});

test('prune removes manifest-first what retention drops, never the newest nor a labelled snapshot', async () => {
  const home = fixtureHome('healthy');
  const clock = steppingClock(new Date('2026-01-01T00:00:00Z'));
  const store = testStore(home, { clock, inventory: async () => [] });
  const file = path.join(home, 'cache/codex_apps_tools/bdf093741cf66bf1834324022ce238d2c0d38a31.json');
  const made: Snapshot[] = [];
  for (let i = 0; i < 24; i++) {
    clock.set(new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3600_000)); // hourly on Jan 1
    fs.writeFileSync(file, `{"n":${i}}`);
    const r = await store.resetAll({ label: i === 2 ? 'labelled' : undefined });
    assert.ok(r.ok, JSON.stringify(r));
    made.push(r.value.snapshot);
  }
  clock.set(new Date('2026-03-01T00:00:00Z'));
  const dry = await store.prune({ dryRun: true });
  assert.ok(dry.ok);
  assert.equal(dry.value.removed.length, 3, 'only 24 - 20 newest - 1 labelled go');
  assert.equal(manifests(path.join(home, 'relink')).length, 24, 'dry run changes nothing');
  const r = await store.prune({ dryRun: false });
  assert.ok(r.ok);
  const left = new Set(manifests(path.join(home, 'relink')).map((m) => m.id));
  assert.equal(left.size, 21);
  assert.ok(left.has(made[23]!.id) && left.has(made[2]!.id));
  assert.deepEqual(r.value.removed.map((x) => x.id).sort(), [made[0]!.id, made[1]!.id, made[3]!.id].sort());
  assert.deepEqual(fs.readdirSync(path.join(home, 'relink/tmp')), []);
});

test('verify flags exactly the backup with a flipped byte, a missing file, or an extra file, and changes nothing', async () => {
  const home = fixtureHome('healthy');
  const store = testStore(home, { inventory: async () => [] });
  const file = path.join(home, 'cache/codex_apps_tools/bdf093741cf66bf1834324022ce238d2c0d38a31.json');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    fs.writeFileSync(file, `{"n":${i}}`);
    const r = await store.resetAll({});
    assert.ok(r.ok);
    ids.push(r.value.snapshot.id);
  }
  const held = (id: string, kind: string) => path.join(home, 'relink/backups', id, 'files', kind, 'bdf093741cf66bf1834324022ce238d2c0d38a31.json');
  const b = fs.readFileSync(held(ids[1]!, 'codex_apps_tools'));
  b[0] = b[0]! ^ 0x20;
  fs.writeFileSync(held(ids[1]!, 'codex_apps_tools'), b);
  const snapshotBytes = fs.readFileSync(held(ids[1]!, 'codex_apps_tools'));
  const r = await store.verify({});
  assert.ok(r.ok);
  assert.deepEqual(r.value.damaged.map((d) => d.id), [ids[1]]);
  assert.deepEqual(r.value.ok.sort(), [ids[0], ids[2]].sort());
  assert.deepEqual(fs.readFileSync(held(ids[1]!, 'codex_apps_tools')), snapshotBytes, 'verify changes nothing');
  fs.writeFileSync(path.join(home, 'relink/backups', ids[2]!, 'files/codex_apps_tools/extra.json'), 'x');
  const one = await store.verify({ id: ids[2]! });
  assert.ok(one.ok);
  assert.deepEqual(one.value.damaged[0]!.problems, ['unexpected files/codex_apps_tools/extra.json']);
  fs.rmSync(path.join(home, 'relink/backups', ids[0]!, 'files/codex_app_directory/04b753af15c2679da974871900b7bd3ef0b6632e.json'));
  const two = await store.verify({ id: ids[0]! });
  assert.ok(two.ok);
  assert.match(two.value.damaged[0]!.problems[0]!, /codex_app_directory\/.*: missing/);
  fs.writeFileSync(path.join(home, 'relink/backups', ids[0]!, 'manifest.json'), '{"truncated":');
  const three = await store.verify({});
  assert.ok(three.ok);
  assert.ok(three.value.damaged.some((d) => d.id === ids[0] && /not valid JSON/.test(d.problems[0]!)));
  const restore = await store.restore({ id: ids[0]! });
  assert.equal(!restore.ok && restore.code, 'damaged');
});
