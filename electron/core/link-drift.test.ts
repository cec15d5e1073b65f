import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StatusReport } from '../../shared/schemas';
import { createNodeFs } from './fs-facade';
import { createScanner } from './status';
import { createLinkDrift, describeChange } from './link-drift';
import { LINEAR, NEW_LINK, NOW, OLD_LINK, regenerate, staleHome } from './evidence/test-fixture';

function drift(clockAt: { t: Date }) {
  const stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relink-drift-')), 'state');
  return { stateDir, d: createLinkDrift({ fs: createNodeFs({ noSync: true }), clock: { now: () => clockAt.t }, stateDir }) };
}

const status = (rows: Array<[string, string, string[]]>): StatusReport => ({
  codexHome: '/x',
  scannedAt: NOW.toISOString(),
  files: [],
  connectors: rows.map(([identity, id, linkIds]) => ({ identity, id, name: id === LINEAR ? 'Linear' : 'Other', linkIds, toolCount: 1, health: 'healthy', reasons: [], installUrl: null, accountEmail: null, lastAuthFailure: null })),
});

test('first sight is a baseline; a later different link set is a change', async () => {
  const clock = { t: new Date('2026-05-27T18:00:00Z') };
  const { d, stateDir } = drift(clock);
  assert.deepEqual(await d.recordObservation(status([['aaaa', LINEAR, [OLD_LINK]]])), []);
  clock.t = new Date('2026-05-27T18:10:00Z');
  assert.deepEqual(await d.recordObservation(status([['aaaa', LINEAR, [OLD_LINK]]])), []);
  assert.equal(fs.readFileSync(path.join(stateDir, 'links.jsonl'), 'utf8').trim().split('\n').length, 1);
  clock.t = new Date('2026-05-27T18:31:00Z');
  const changes = await d.recordObservation(status([['aaaa', LINEAR, [NEW_LINK]]]));
  assert.deepEqual(changes.map((c) => [c.at, c.from, c.to]), [['2026-05-27T18:31:00.000Z', [OLD_LINK], [NEW_LINK]]]);
  assert.equal(describeChange(changes[0]!), 'Linear: link changed at 2026-05-27T18:31:00.000Z: link_5e6f…9a0b → link_d4c3…b0a9');
  assert.deepEqual(await d.listLinkChanges(), changes);
  assert.equal(fs.statSync(path.join(stateDir, 'links.jsonl')).mode & 0o777, 0o600);
});

test('a connector missing from a scan (caches reset) is not a change; identities are separate', async () => {
  const clock = { t: new Date('2026-05-27T18:00:00Z') };
  const { d } = drift(clock);
  await d.recordObservation(status([['aaaa', LINEAR, [OLD_LINK]], ['bbbb', LINEAR, [OLD_LINK]]]));
  await d.recordObservation(status([]));
  clock.t = new Date('2026-05-27T19:00:00Z');
  await d.recordObservation(status([['aaaa', LINEAR, [OLD_LINK]], ['bbbb', LINEAR, [NEW_LINK]]]));
  const all = await d.listLinkChanges({ connectorId: LINEAR });
  assert.deepEqual(all.map((c) => [c.identity, c.from, c.to]), [['bbbb', [OLD_LINK], [NEW_LINK]]]);
  assert.deepEqual(await d.listLinkChanges({ connectorId: 'connector_ffffffffffffffffffffffffffffffff' }), []);
});

test('a torn or garbage line in links.jsonl is skipped, and the next append starts a fresh line', async () => {
  const clock = { t: new Date('2026-05-27T18:00:00Z') };
  const { d, stateDir } = drift(clock);
  await d.recordObservation(status([['aaaa', LINEAR, [OLD_LINK]]]));
  fs.appendFileSync(path.join(stateDir, 'links.jsonl'), 'garbage\n{"at":"2026-05-27T18:05:00Z","identity":"aaaa"');
  clock.t = new Date('2026-05-27T18:31:00Z');
  const changes = await d.recordObservation(status([['aaaa', LINEAR, [NEW_LINK]]]));
  assert.equal(changes.length, 1);
  assert.equal((await d.listLinkChanges()).length, 1);
});

test('real scans: regeneration shows drift old → new for Linear only', async () => {
  const { home } = staleHome();
  const clock = { t: NOW };
  const { d } = drift(clock);
  const scanner = createScanner({ fs: createNodeFs({ noSync: true }), clock: { now: () => clock.t }, codexHome: home, env: { home, platform: 'linux' }, codexVersion: async () => null });
  try {
    await d.recordObservation(await scanner.scan());
    regenerate(home);
    clock.t = new Date(NOW.getTime() + 60_000);
    const changes = await d.recordObservation(await scanner.scan());
    assert.deepEqual(changes.map((c) => [c.connectorId, c.from, c.to]), [[LINEAR, [OLD_LINK], [NEW_LINK]]]);
  } finally {
    await scanner.close();
  }
});
