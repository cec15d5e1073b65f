import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connector } from '../../../shared/schemas';
import { createNodeFs } from '../fs-facade';
import { createScanner } from '../status';
import { applyEvidence } from './health';
import { createEvidenceScanner, type AuthFailure } from './index';
import { GCAL, GCAL_LINK, LINEAR, NEW_LINK, NOW, OLD_LINK, regenerate, staleHome } from './test-fixture';

const row = (over: Partial<Connector> = {}): Connector => ({
  identity: 'aaaa',
  id: LINEAR,
  name: 'Linear',
  linkIds: [OLD_LINK],
  toolCount: 3,
  health: 'healthy',
  reasons: [],
  installUrl: null,
  accountEmail: null,
  lastAuthFailure: null,
  ...over,
});

const fail = (at: string, linkId: string | null, connectorId: string | null = LINEAR): AuthFailure => ({ at, connectorId, linkId, source: 'x.jsonl', kind: 'rollout', text: '401' });
const mtimes = (iso: string) => new Map([['aaaa', new Date(iso)]]);

test('a failure naming a still-cached link → needs-reauth with lastAuthFailure', () => {
  const [r] = applyEvidence([row()], [fail('2026-05-27T18:02:13.412Z', OLD_LINK), fail('2026-05-27T18:05:40.020Z', OLD_LINK)], mtimes('2026-05-27T14:42:11Z'));
  assert.equal(r!.health, 'needs-reauth');
  assert.deepEqual(r!.lastAuthFailure, { at: '2026-05-27T18:05:40.020Z', linkId: OLD_LINK, source: 'x.jsonl' });
  assert.match(r!.reasons.at(-1)!, /auth failure at 2026-05-27T18:05:40.020Z on link link_5e6f…9a0b/);
});

test('a failure against a replaced link → stays healthy, history in reasons', () => {
  const [r] = applyEvidence([row({ linkIds: [NEW_LINK] })], [fail('2026-05-27T18:05:40.020Z', OLD_LINK)], mtimes('2026-05-27T18:30:00Z'));
  assert.equal(r!.health, 'healthy');
  assert.equal(r!.lastAuthFailure?.linkId, OLD_LINK);
  assert.match(r!.reasons.at(-1)!, /^recovered: link changed since the auth failure at .* \(link_5e6f…9a0b → link_d4c3…b0a9\)$/);
});

test('a failure without link id: after the tools mtime → needs-reauth; before → healthy', () => {
  const after = applyEvidence([row()], [fail('2026-05-27T18:02:13.414Z', null)], mtimes('2026-05-27T14:42:11Z'));
  assert.equal(after[0]!.health, 'needs-reauth');
  const before = applyEvidence([row()], [fail('2026-05-27T18:02:13.414Z', null)], mtimes('2026-05-27T18:30:00Z'));
  assert.equal(before[0]!.health, 'healthy');
  assert.match(before[0]!.reasons.at(-1)!, /^recovered: the tools cache was rewritten at 2026-05-27T18:30:00.000Z/);
  const unknownAge = applyEvidence([row()], [fail('2026-05-27T18:02:13.414Z', null)], new Map());
  assert.equal(unknownAge[0]!.health, 'healthy');
});

test('unknown and unlinked rows keep their health but record the failure', () => {
  const [u, n] = applyEvidence([row({ health: 'unknown' }), row({ identity: 'bbbb', health: 'unlinked', linkIds: [] })], [fail('2026-05-27T18:05:40.020Z', OLD_LINK), fail('2026-05-27T18:06:00Z', null)], new Map([['aaaa', new Date(0)], ['bbbb', new Date(0)]]));
  assert.equal(u!.health, 'unknown');
  assert.match(u!.reasons.at(-1)!, /health stays unknown/);
  assert.equal(u!.lastAuthFailure?.at, '2026-05-27T18:06:00Z');
  assert.equal(n!.health, 'unlinked');
  assert.ok(n!.lastAuthFailure);
});

test('failures of other connectors or without connector id change nothing', () => {
  const rows = [row()];
  const out = applyEvidence(rows, [fail('2026-05-27T18:05:40Z', OLD_LINK, GCAL), fail('2026-05-27T18:05:40Z', OLD_LINK, null)], mtimes('2026-05-27T14:42:11Z'));
  assert.deepEqual(out, rows);
});

async function statusWithEvidence(home: string) {
  const fs = createNodeFs({ noSync: true });
  const env = { home, platform: 'linux' as const };
  const evidence = createEvidenceScanner({ fs, clock: { now: () => NOW }, codexHome: home, env });
  const scanner = createScanner({
    fs,
    clock: { now: () => NOW },
    codexHome: home,
    env,
    codexVersion: async () => null,
    evidence: async (rows, m) => applyEvidence(rows, (await evidence.scan()).failures, m),
  });
  try {
    return await scanner.scan();
  } finally {
    await scanner.close();
  }
}

test('status with evidence: stale-link marks Linear needs-reauth, Calendar healthy', async () => {
  const { home } = staleHome();
  const report = await statusWithEvidence(home);
  const linear = report.connectors.find((c) => c.id === LINEAR)!;
  const gcal = report.connectors.find((c) => c.id === GCAL)!;
  assert.equal(linear.health, 'needs-reauth');
  assert.deepEqual(linear.linkIds, [OLD_LINK]);
  assert.equal(linear.lastAuthFailure?.at, '2026-05-27T18:05:40.020Z');
  assert.equal(gcal.health, 'healthy');
  assert.deepEqual(gcal.linkIds, [GCAL_LINK]);
  assert.equal(gcal.lastAuthFailure, null);
});

test('status with evidence: after regeneration Linear is healthy (recovered); same link back stays needs-reauth', async () => {
  const { home } = staleHome();
  regenerate(home);
  const linear = (await statusWithEvidence(home)).connectors.find((c) => c.id === LINEAR)!;
  assert.equal(linear.health, 'healthy');
  assert.deepEqual(linear.linkIds, [NEW_LINK]);
  assert.ok(linear.reasons.some((r) => r.startsWith('recovered: link changed')));
  const { home: home2 } = staleHome();
  // The server hands back the same dead link (openai/codex#19669): regenerated file, old content.
  const { utimesSync } = await import('node:fs');
  const later = new Date('2026-05-27T18:30:00Z');
  utimesSync(`${home2}/cache/codex_apps_tools/41055d6b58a32c286fa868d17f941341a8144515.json`, later, later);
  const same = (await statusWithEvidence(home2)).connectors.find((c) => c.id === LINEAR)!;
  assert.equal(same.health, 'needs-reauth');
});
