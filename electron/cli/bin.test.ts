/**
 * The built `relink` executable (dist/cli/relink.js), run as users run it: a child process
 * with its bundled parse worker. `npm test` builds first; a bare unit run without a build skips.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StatusReport } from '../../shared/schemas';
import { IDS, copyFixture, removeFixture } from '../core/testing/fixtures';

const bin = path.resolve(__dirname, '../../dist/cli/relink.js');
const skip = fs.existsSync(bin) ? false : 'dist/cli/relink.js is not built (npm test builds it)';

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home', ...env } });

test('relink status --json through the bundle and its worker', { skip }, () => {
  const home = copyFixture('healthy');
  try {
    execFileSync('mkfifo', [path.join(home, 'cache/codex_apps_tools', `${'9'.repeat(40)}.json`)]);
    const r = run(['status', '--json'], { CODEX_HOME: home });
    assert.equal(r.status, 0, r.stderr);
    const report = StatusReport.parse(JSON.parse(r.stdout));
    assert.equal(report.connectors.filter((c) => c.identity === IDS.healthyIdentity).length, 4);
    assert.equal(report.files.find((f) => f.identity === '9'.repeat(40))?.state, 'not-a-file');
  } finally {
    removeFixture(home);
  }
});

test('relink with a missing home or bad flags: one line, no stack, non-zero', { skip }, () => {
  const missing = run(['status'], { CODEX_HOME: '/nonexistent/codex-home' });
  assert.equal(missing.status, 3);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.match(missing.stderr, /\/nonexistent\/codex-home does not exist/);
  const bad = run(['statuz']);
  assert.equal(bad.status, 2);
  assert.ok(!/\n\s+at /.test(bad.stderr));
});

const strace = ['/usr/bin/strace', '/bin/strace'].find((p) => fs.existsSync(p));

test('no relink command ever opens auth.json or .credentials.json (strace, every file syscall)', { skip: skip || (strace ? false : 'strace is not installed (.ci/run installs it)'), timeout: 120_000 }, () => {
  const home = copyFixture('stale-link', { keepRegeneration: true });
  try {
    fs.writeFileSync(path.join(home, 'auth.json'), '{"tokens":{"access_token":"CANARY"}}', { mode: 0o600 });
    fs.writeFileSync(path.join(home, '.credentials.json'), '{}', { mode: 0o600 });
    const log = path.join(path.dirname(home), 'strace.log');
    const commands = [['status', '--json'], ['links'], ['report', IDS.linear], ['reset', '--connector', IDS.linear, '--force'], ['history'], ['verify']];
    for (const args of commands) {
      const r = spawnSync(strace!, ['-f', '-qq', '-e', 'trace=%file', '-o', log, process.execPath, bin, ...args, '--codex-home', home], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', HOME: path.dirname(home) } });
      assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`);
      const trace = fs.readFileSync(log, 'utf8');
      assert.ok(trace.includes(home), `${args[0]}: the trace saw the Codex home (the check is live)`);
      const touched = trace.split('\n').filter((l) => /auth\.json|\.credentials\.json/.test(l));
      assert.deepEqual(touched, [], `${args.join(' ')} touched a credentials file`);
    }
  } finally {
    removeFixture(home);
  }
});
