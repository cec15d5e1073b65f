import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINEAR, NOW, OLD_LINK, staleHome } from '../../core/evidence/test-fixture';
import { runCaptured } from '../testing/capture';

const overrides = { probe: { list: async () => [] } };
const IDENTITY = '41055d6b58a32c286fa868d17f941341a8144515';

test('report: Markdown by default, redacted, with the evidence of the stale link', async () => {
  const { home } = staleHome();
  const r = await runCaptured(['report', LINEAR, '--codex-home', home], { now: NOW, overrides });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^## Relink report: Linear \(`connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0`\)/);
  assert.match(r.out, /Health: \*\*needs-reauth\*\*; cached link\(s\): `link_5e6f…9a0b`/);
  assert.match(r.out, /2026-05-27T18:05:40.020Z \[rollout, `sessions\/2026\/05\/27\/rollout-.*\.jsonl`\] on `link_5e6f…9a0b`/);
  for (const canary of [OLD_LINK, IDENTITY, 'fixture.user@example.com', home]) assert.ok(!r.out.includes(canary), `leaked ${canary}`);
});

test('report --reveal shows full ids; --json and --markdown together is a usage error', async () => {
  const { home } = staleHome();
  const r = await runCaptured(['report', LINEAR, '--codex-home', home, '--reveal', '--json'], { now: NOW, overrides });
  assert.equal(r.code, 0, r.err);
  const v = JSON.parse(r.out);
  assert.equal(v.redacted, false);
  assert.equal(v.connector.identity, IDENTITY);
  assert.deepEqual(v.connector.linkIds, [OLD_LINK]);
  const both = await runCaptured(['report', LINEAR, '--codex-home', home, '--json', '--markdown'], { now: NOW, overrides });
  assert.equal(both.code, 2);
});

test('--lookback-days widens the window; a bad value is a usage error', async () => {
  const { home } = staleHome();
  const later = new Date('2026-08-01T00:00:00Z');
  const narrow = JSON.parse((await runCaptured(['report', LINEAR, '--codex-home', home, '--json'], { now: later, overrides })).out);
  assert.deepEqual(narrow.failures, []);
  const wide = JSON.parse((await runCaptured(['report', LINEAR, '--codex-home', home, '--json', '--lookback-days', '90'], { now: later, overrides })).out);
  assert.equal(wide.failures.length, 4);
  const bad = await runCaptured(['report', LINEAR, '--codex-home', home, '--lookback-days', '0'], { now: later, overrides });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--lookback-days needs a whole number/);
});
