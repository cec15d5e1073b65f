import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StatusReport } from '../../../shared/schemas';
import { IDS, copyFixture, removeFixture } from '../../core/testing/fixtures';
import { runCaptured } from '../testing/capture';

test('status --json prints one schema-valid document for each fixture home', async () => {
  for (const name of ['healthy', 'stale-link', 'invalid'] as const) {
    const home = copyFixture(name);
    try {
      const r = await runCaptured(['status', '--codex-home', home, '--json']);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const report = StatusReport.parse(JSON.parse(r.out));
      assert.equal(report.codexHome, home);
      assert.equal(report.scannedAt, '2026-11-24T00:00:00.000Z');
      assert.ok(report.connectors.length > 0);
    } finally {
      removeFixture(home);
    }
  }
});

test('status prints a table per account and the files that are not ok', async () => {
  const home = copyFixture('invalid');
  try {
    const r = await runCaptured(['status', '--codex-home', home]);
    assert.equal(r.code, 0);
    assert.match(r.out, /Account bdf09374 \(fixture\.user@example\.com\)/);
    assert.match(r.out, /CONNECTOR\s+HEALTH\s+LINK\s+TOOLS/);
    assert.match(r.out, /Linear\s+unknown\s+link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f\s+1/);
    assert.match(r.out, /Files that are not ok:\n.*codex_apps_tools.*unsupported-schema/);
    assert.match(r.out, /codex_app_directory.*corrupt/);
  } finally {
    removeFixture(home);
  }
});

test('hostile names cannot inject terminal escapes into the table', async () => {
  const home = copyFixture('healthy');
  try {
    const file = path.join(home, 'cache/codex_apps_tools', `${IDS.healthyIdentity}.json`);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('"Linear"', '"Lin\\u001b[31mear\\u202e"'));
    const r = await runCaptured(['status', '--codex-home', home]);
    assert.equal(r.code, 0);
    assert.ok(!r.out.includes('\u001b') && !r.out.includes('\u202e'));
    assert.match(r.out, /Lin\[31mear/);
  } finally {
    removeFixture(home);
  }
});

test('CODEX_HOME: the flag beats the variable, which beats ~/.codex', async () => {
  const a = copyFixture('healthy');
  const b = copyFixture('stale-link');
  const fakeUserHome = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'relink-user-')));
  fs.cpSync(path.dirname(a) + '/codex-home', path.join(fakeUserHome, '.codex'), { recursive: true });
  try {
    const home = async (argv: string[], env: Record<string, string | undefined>) =>
      StatusReport.parse(JSON.parse((await runCaptured(['status', '--json', ...argv], { env: { home: fakeUserHome, ...env } })).out)).codexHome;
    assert.equal(await home(['--codex-home', a], { CODEX_HOME: b }), a);
    assert.equal(await home([], { CODEX_HOME: b }), b);
    assert.equal(await home([], { CODEX_HOME: '' }), path.join(fakeUserHome, '.codex'), 'an empty variable is ignored, like Codex');
    assert.equal(await home([], {}), path.join(fakeUserHome, '.codex'));
    const rel = path.relative(process.cwd(), b);
    assert.equal(await home(['--codex-home', rel], {}), b, 'relative paths are resolved');
    const link = path.join(fakeUserHome, 'link-to-home');
    fs.symlinkSync(b, link);
    assert.equal(await home(['--codex-home', link], {}), b, 'canonicalized like Codex');
  } finally {
    removeFixture(a);
    removeFixture(b);
    fs.rmSync(fakeUserHome, { recursive: true, force: true });
  }
});

test('an unusable home is one line on stderr and a non-zero exit, never a stack', async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'relink-bad-')));
  try {
    const missing = path.join(dir, 'nope');
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, 'x');
    for (const [target, why] of [[missing, /does not exist/], [file, /is not a directory/]] as const) {
      const r = await runCaptured(['status', '--codex-home', target, '--json']);
      assert.equal(r.code, 3);
      assert.equal(r.out, '');
      assert.equal(r.err.split('\n').length, 1);
      assert.match(r.err, why);
      assert.ok(r.err.includes(target));
      assert.ok(!/\n\s+at /.test(r.err));
    }
    const nul = await runCaptured(['status', '--codex-home', 'a\0b']);
    assert.equal(nul.code, 2);
    assert.match(nul.err, /NUL/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors: unknown command, unknown flag, stray argument, missing value', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['bogus'], /unknown command 'bogus'/],
    [['status', '--bogus'], /Unknown option '--bogus'/],
    [['status', 'extra'], /unexpected argument 'extra'/],
    [['status', '--codex-home'], /argument missing/],
    [[], /usage: relink <command>/],
  ];
  for (const [argv, re] of cases) {
    const r = await runCaptured(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err + r.out, re, argv.join(' '));
  }
  const help = await runCaptured(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /status\s+List every connector/);
});

test('status records the links it sees, so `relink links` shows old → new after Codex regenerates', async () => {
  const home = copyFixture('stale-link', { keepRegeneration: true });
  try {
    assert.equal((await runCaptured(['status', '--codex-home', home])).code, 0);
    const { regenerateStaleLink } = await import('../../core/testing/fixtures');
    regenerateStaleLink(home);
    const after = await runCaptured(['status', '--codex-home', home, '--json']);
    assert.equal(StatusReport.parse(JSON.parse(after.out)).connectors.find((c) => c.id === IDS.linear)?.health, 'healthy');
    const links = await runCaptured(['links', '--codex-home', home]);
    assert.equal(links.code, 0, links.err);
    assert.match(links.out, /Linear.*link changed at .*link_5e6f…9a0b → link_d4c3…b0a9/);
    assert.ok(fs.statSync(path.join(home, 'relink')).isDirectory(), 'state lives in the store');
  } finally {
    removeFixture(home);
  }
});

test('status still works when the store cannot be created (read-only home)', async () => {
  const home = copyFixture('healthy');
  try {
    fs.writeFileSync(path.join(home, 'relink'), 'a file where the store would go');
    const r = await runCaptured(['status', '--codex-home', home, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(StatusReport.parse(JSON.parse(r.out)).connectors.length, 4);
  } finally {
    removeFixture(home);
  }
});

test('a recovered connector says so in the table', async () => {
  const home = copyFixture('stale-link', { keepRegeneration: true });
  try {
    const { regenerateStaleLink } = await import('../../core/testing/fixtures');
    regenerateStaleLink(home);
    const r = await runCaptured(['status', '--codex-home', home], { now: new Date('2026-05-28T00:00:00Z') });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Linear\s+healthy\s+link_d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9/);
    assert.match(r.out, /\n  Linear: recovered: link changed since the auth failure/);
    assert.ok(!/Google Calendar: /.test(r.out), 'plain healthy rows stay one line');
  } finally {
    removeFixture(home);
  }
});
