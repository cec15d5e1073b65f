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
