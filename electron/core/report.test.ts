import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Report } from '../../shared/evidence';
import type { LadderStep } from '../../shared/evidence';
import { createEvidenceScanner } from './evidence';
import { applyEvidence } from './evidence/health';
import { GCAL, LINEAR, NEW_LINK, NOW, OLD_LINK, staleHome } from './evidence/test-fixture';
import { createNodeFs } from './fs-facade';
import { buildReport, redactText, renderMarkdown } from './report';
import { createScanner } from './status';

const IDENTITY = '41055d6b58a32c286fa868d17f941341a8144515';

async function inputs() {
  const { home, root } = staleHome();
  const fs = createNodeFs({ noSync: true });
  const env = { home: root, platform: 'linux' as const };
  const { failures } = await createEvidenceScanner({ fs, clock: { now: () => NOW }, codexHome: home, env }).scan();
  const scanner = createScanner({ fs, clock: { now: () => NOW }, codexHome: home, env, codexVersion: async () => null, evidence: async (rows, m) => applyEvidence(rows, failures, m) });
  try {
    const status = await scanner.scan();
    const step = (runId: string, detail: string): LadderStep => ({ runId, at: NOW.toISOString(), connectorId: LINEAR, step: 'reset', outcome: 'ok', detail, linksBefore: [OLD_LINK], linksAfter: [], healthAfter: null });
    return {
      root,
      status,
      failures: [...failures, { at: '2026-05-27T18:07:00.000Z', connectorId: LINEAR, linkId: OLD_LINK, source: 'log/codex-tui.log', kind: 'tui-log' as const, text: `fixture.user@example.com got 401 in ${root}/x with ${IDENTITY} Bearer abc.def` }],
      changes: [{ at: '2026-05-27T18:31:00.000Z', identity: IDENTITY, connectorId: LINEAR, name: 'Linear', from: [OLD_LINK], to: [NEW_LINK] }],
      steps: [step('old-run', 'older run'), step('run-2', `moved 3 cache file(s); link ${OLD_LINK}`)],
    };
  } finally {
    await scanner.close();
  }
}

test('redacted by default: no e-mail, identity, full link id, home path or token', async () => {
  const i = await inputs();
  const r = buildReport({ ...i, connectorId: LINEAR, codexVersion: '0.134.0', os: 'linux 6.1 x64', relinkVersion: '0.1.0', now: NOW, home: i.root });
  assert.ok(r.ok);
  Report.parse(r.value);
  const json = JSON.stringify(r.value);
  const md = renderMarkdown(r.value);
  for (const text of [json, md]) {
    for (const canary of ['fixture.user@example.com', IDENTITY, OLD_LINK, NEW_LINK, i.root, 'abc.def']) assert.ok(!text.includes(canary), `leaked ${canary}`);
  }
  assert.equal(r.value.connector.identity, null);
  assert.deepEqual(r.value.connector.linkIds, ['link_5e6f…9a0b']);
  assert.equal(r.value.connector.health, 'needs-reauth');
  assert.deepEqual(r.value.linkChanges, [{ at: '2026-05-27T18:31:00.000Z', from: ['link_5e6f…9a0b'], to: ['link_d4c3…b0a9'] }]);
  assert.equal(r.value.failures.length, 5);
  assert.match(r.value.failures.at(-1)!.text, /^<email> got 401 in ~\/x with <identity> <token>$/);
  assert.deepEqual(r.value.steps.map((s) => s.detail), ['moved 3 cache file(s); link link_5e6f…9a0b'], 'only the latest run');
  assert.match(md, /## Relink report: Linear \(`connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0`\)/);
  assert.match(md, /Codex 0\.134\.0; linux 6\.1 x64/);
  assert.match(md, /2026-05-27T18:31:00.000Z: `link_5e6f…9a0b` → `link_d4c3…b0a9`/);
});

test('--reveal keeps full link ids and the identity, and says it is not redacted', async () => {
  const i = await inputs();
  const r = buildReport({ ...i, connectorId: LINEAR, codexVersion: null, os: 'linux', relinkVersion: '0.1.0', now: NOW, redact: false });
  assert.ok(r.ok);
  assert.equal(r.value.connector.identity, IDENTITY);
  assert.deepEqual(r.value.connector.linkIds, [OLD_LINK]);
  assert.match(renderMarkdown(r.value), /NOT redacted/);
  assert.match(renderMarkdown(r.value), /Codex version unknown/);
});

test('a healthy connector reports no failures; an unknown id is not-found', async () => {
  const i = await inputs();
  const g = buildReport({ ...i, connectorId: GCAL, codexVersion: null, os: 'linux', relinkVersion: '0.1.0', now: NOW });
  assert.ok(g.ok);
  assert.deepEqual([g.value.failures, g.value.steps, g.value.linkChanges], [[], [], []]);
  assert.match(renderMarkdown(g.value), /None on record\./);
  const nf = buildReport({ ...i, connectorId: 'connector_ffffffffffffffffffffffffffffffff', codexVersion: null, os: 'linux', relinkVersion: '0.1.0', now: NOW });
  assert.equal(!nf.ok && nf.code, 'not-found');
});

test('redactText handles several canaries on one line', () => {
  assert.equal(redactText(`a@b.co ${OLD_LINK} 3ace267ea4c3cd2b eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig /home/u/.codex`, '/home/u'), '<email> link_5e6f…9a0b <identity> <token> ~/.codex');
});
