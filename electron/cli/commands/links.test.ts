import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINEAR, NEW_LINK, NOW, OLD_LINK, regenerate, staleHome } from '../../core/evidence/test-fixture';
import { runCaptured } from '../testing/capture';
import type { LinksOutput } from './links';

const overrides = { probe: { list: async () => [] } };

test('links: current links with evidence-based health, then old → new after regeneration', async () => {
  const { home } = staleHome();
  const first = await runCaptured(['links', '--codex-home', home, '--json'], { now: NOW, overrides });
  assert.equal(first.code, 0, first.err);
  const a = JSON.parse(first.out) as LinksOutput;
  assert.deepEqual(a.current.find((c) => c.connectorId === LINEAR), { identity: '41055d6b58a32c286fa868d17f941341a8144515', connectorId: LINEAR, name: 'Linear', linkIds: [OLD_LINK], health: 'needs-reauth' });
  assert.deepEqual(a.changes, []);
  regenerate(home);
  const later = new Date(NOW.getTime() + 3_600_000);
  const second = await runCaptured(['links', '--codex-home', home, '--connector', LINEAR, '--json'], { now: later, overrides });
  const b = JSON.parse(second.out) as LinksOutput;
  assert.deepEqual(b.current.map((c) => [c.linkIds, c.health]), [[[NEW_LINK], 'healthy']]);
  assert.deepEqual(b.changes.map((c) => [c.at, c.from, c.to]), [[later.toISOString(), [OLD_LINK], [NEW_LINK]]]);
  const human = await runCaptured(['links', '--codex-home', home], { now: later, overrides });
  assert.equal(human.code, 0, human.err);
  assert.match(human.out, /Linear: link changed at 2026-05-28T10:00:00.000Z: link_5e6f…9a0b → link_d4c3…b0a9 \[41055d6b\]/);
});

test('links with a missing CODEX_HOME exits 3 with one line', async () => {
  const r = await runCaptured(['links', '--codex-home', '/nonexistent/relink-home'], { now: NOW, overrides });
  assert.equal(r.code, 3);
  assert.equal(r.err.split('\n').length, 1);
});
