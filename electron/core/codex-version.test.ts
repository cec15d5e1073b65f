import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createNodeFs } from './fs-facade';
import { detectCodexVersion, newestVersion, parseVersion, runVersionCommand, toolsSchemaFor, versionFromRollouts } from './codex-version';

const tmp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'relink-ver-')));

test('tools schema per Codex version: 0.145+ reads 4; unknown assumes the newest', () => {
  assert.equal(toolsSchemaFor('0.169.0'), 4);
  assert.equal(toolsSchemaFor('0.145.0'), 4);
  assert.equal(toolsSchemaFor('0.144.2'), 3);
  assert.equal(toolsSchemaFor('0.134.0'), 3);
  assert.equal(toolsSchemaFor('0.120.1'), 2);
  assert.equal(toolsSchemaFor('0.100.0'), 1);
  assert.equal(toolsSchemaFor(null), 4);
  assert.equal(toolsSchemaFor('garbage'), 4);
  assert.deepEqual(parseVersion('codex-cli 0.169.0'), [0, 169, 0]);
  assert.equal(newestVersion([{ version: '0.134.0', source: 'a' }, { version: '0.169.0', source: 'b' }, { version: 'x', source: 'c' }])?.source, 'b');
});

test('the newest rollout\'s cli_version wins over older days; bad lines are skipped', async () => {
  const home = tmp();
  try {
    const write = (day: string, name: string, line: string) => {
      fs.mkdirSync(path.join(home, 'sessions', day), { recursive: true });
      fs.writeFileSync(path.join(home, 'sessions', day, name), line + '\n{"more":1}\n');
    };
    write('2026/05/27', 'rollout-2026-05-27T18-01-58-a.jsonl', '{"type":"session_meta","payload":{"cli_version":"0.134.0"}}');
    write('2026/06/02', 'rollout-2026-06-02T08-00-00-b.jsonl', '{"type":"session_meta","payload":{"cli_version":"0.150.1"}}');
    write('2026/06/02', 'rollout-2026-06-02T09-00-00-c.jsonl', 'not json at all');
    const v = await versionFromRollouts(createNodeFs(), home);
    assert.deepEqual(v, { version: '0.150.1', source: 'sessions/2026/06/02/rollout-2026-06-02T08-00-00-b.jsonl' });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('codex on PATH is asked for its version; the newest source wins', async () => {
  const home = tmp();
  try {
    const binDir = path.join(home, 'bin');
    fs.mkdirSync(binDir);
    fs.writeFileSync(path.join(binDir, 'codex'), '#!/bin/sh\necho "codex-cli 0.171.2"\n', { mode: 0o755 });
    fs.mkdirSync(path.join(home, 'sessions/2026/05/27'), { recursive: true });
    fs.writeFileSync(path.join(home, 'sessions/2026/05/27/rollout-x.jsonl'), '{"payload":{"cli_version":"0.134.0"}}\n');
    const v = await detectCodexVersion({ fs: createNodeFs(), env: { home, platform: 'linux', PATH: `/nonexistent:${binDir}` }, codexHome: home });
    assert.deepEqual(v, { version: '0.171.2', source: 'codex on PATH' });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a codex binary that hangs is abandoned after its time limit', { timeout: 15_000 }, async () => {
  const home = tmp();
  try {
    const bin = path.join(home, 'codex');
    fs.writeFileSync(bin, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    assert.equal(await runVersionCommand(bin), null);
    assert.equal(await runVersionCommand(path.join(home, 'missing')), null);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('nothing known: no version', async () => {
  const home = tmp();
  try {
    assert.equal(await detectCodexVersion({ fs: createNodeFs(), env: { home, platform: 'linux', PATH: '' }, codexHome: home }), null);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a binary\'s --version answer is reused until the binary changes', async () => {
  const home = tmp();
  try {
    const binDir = path.join(home, 'bin');
    fs.mkdirSync(binDir);
    const bin = path.join(binDir, 'codex');
    fs.writeFileSync(bin, '#!/bin/sh\necho "codex-cli 0.170.0"\n', { mode: 0o755 });
    let runs = 0;
    const deps = {
      fs: createNodeFs(),
      env: { home, platform: 'linux' as const, PATH: binDir },
      codexHome: home,
      runVersion: async (b: string) => (runs++, runVersionCommand(b)),
      versionCache: new Map<string, { stamp: string; out: string | null }>(),
    };
    assert.equal((await detectCodexVersion(deps))?.version, '0.170.0');
    assert.equal((await detectCodexVersion(deps))?.version, '0.170.0');
    assert.equal(runs, 1, 'asked once');
    fs.writeFileSync(bin, '#!/bin/sh\necho "codex-cli 0.171.0-upgraded"\n', { mode: 0o755 });
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(bin, later, later);
    assert.equal((await detectCodexVersion(deps))?.version, '0.171.0');
    assert.equal(runs, 2, 'asked again after an upgrade');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
