import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { StatusReport } from '../../shared/schemas';
import { createNodeFs } from './fs-facade';
import type { Fs } from './fs-facade';
import { createInProcessParser, createWorkerParser } from './parser';
import type { ScannerDeps } from './status';
import { createScanner } from './status';
import { createFaultFs } from './testing/fault-fs';
import { IDS, copyFixture, removeFixture } from './testing/fixtures';

const TOOLS = 'cache/codex_apps_tools';
const env = { home: os.homedir(), platform: process.platform };

async function scan(home: string, extra: Partial<ScannerDeps> = {}) {
  const scanner = createScanner({
    fs: createNodeFs(),
    clock: { now: () => new Date('2026-11-24T00:00:00Z') },
    codexHome: home,
    env,
    parser: createInProcessParser(),
    codexVersion: async () => null,
    ...extra,
  });
  try {
    return StatusReport.parse(await scanner.scan());
  } finally {
    await scanner.close();
  }
}

function withHome(name: 'healthy' | 'stale-link' | 'invalid', fn: (home: string) => Promise<void>) {
  return async () => {
    const home = copyFixture(name);
    try {
      await fn(home);
    } finally {
      removeFixture(home);
    }
  };
}

const toolsFile = (links: Array<{ id: string; link?: string; synthetic?: boolean }>, schema = 4) =>
  JSON.stringify({
    schema_version: schema,
    tools: links.map((l, i) => ({
      server_name: 'codex_apps',
      tool_name: `_t${i}`,
      tool: { name: `t${i}`, inputSchema: {}, _meta: { connector_id: l.id, connector_name: l.id.toUpperCase(), ...(l.link ? { link_id: l.link } : {}), _codex_apps: l.synthetic ? { synthetic_link: true } : {} } },
      connector_id: l.id,
    })),
  });

const fileOf = (r: StatusReport, rel: string) => r.files.find((f) => f.path === rel);

test('healthy fixture: every file ok and every connector as the fixtures README says', withHome('healthy', async (home) => {
  const r = await scan(home);
  assert.equal(r.codexHome, home);
  assert.deepEqual(r.files.map((f) => [f.kind, f.state, f.schemaVersion]), [
    ['codex_apps_tools', 'ok', 4],
    ['codex_apps_server_info', 'ok', 1],
    ['codex_app_directory', 'ok', 1],
    ['remote_plugin_catalog', 'ok', 1],
  ]);
  assert.equal(r.files[0]!.path, `${TOOLS}/${IDS.healthyIdentity}.json`);
  assert.equal(r.files[0]!.modifiedAt, '2026-05-27T12:00:00.000Z');
  const rows = r.connectors.map((c) => [c.name, c.linkIds, c.toolCount, c.health, c.accountEmail, c.installUrl]);
  assert.deepEqual(rows, [
    ['Fixture Notes', ['link_aa00bb11cc22dd33ee44ff5566778899'], 1, 'healthy', null, `https://chatgpt.com/apps/fixture-notes/${IDS.notes}`],
    ['Gmail', [], 0, 'unlinked', null, `https://chatgpt.com/apps/gmail/${IDS.gmail}`],
    ['Google Calendar', ['link_2b3c4d5e6f708192a3b4c5d6e7f80910'], 2, 'healthy', 'fixture.user@example.com', `https://chatgpt.com/apps/google-calendar/${IDS.calendar}`],
    ['Linear', ['link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f'], 3, 'healthy', 'fixture.user@example.com', `https://chatgpt.com/apps/linear/${IDS.linear}`],
  ]);
  assert.ok(r.connectors.every((c) => c.identity === IDS.healthyIdentity && c.reasons.length > 0));
}));

test('stale-link fixture: the workspace account\'s two connectors and their links', withHome('stale-link', async (home) => {
  const r = await scan(home);
  assert.deepEqual(r.connectors.map((c) => [c.name, c.linkIds[0], c.toolCount]), [
    ['Google Calendar', 'link_2b3c4d5e6f708192a3b4c5d6e7f80910', 2],
    ['Linear', IDS.staleLink, 3],
  ]);
  assert.ok(r.files.every((f) => f.state === 'ok'));
}));

test('invalid fixture: schema-3 tools file read best-effort as unknown, truncated directory corrupt, bytes untouched', withHome('invalid', async (home) => {
  const before = snapshotTree(home);
  const r = await scan(home);
  const tools = fileOf(r, `${TOOLS}/${IDS.healthyIdentity}.json`)!;
  assert.equal(tools.state, 'unsupported-schema');
  assert.equal(tools.schemaVersion, 3);
  assert.match(tools.message!, /reads only schema 4/);
  const dir = r.files.find((f) => f.kind === 'codex_app_directory')!;
  assert.equal(dir.state, 'corrupt');
  assert.match(dir.message!, /not valid JSON/);
  assert.equal(r.connectors.length, 1);
  assert.equal(r.connectors[0]!.health, 'unknown');
  assert.deepEqual(r.connectors[0]!.linkIds, ['link_7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f']);
  assert.match(r.connectors[0]!.reasons.join(' '), /ignores it/);
  assert.deepEqual(snapshotTree(home), before, 'a scan changes nothing');
}));

test('a schema-3 tools file is ok for a Codex of the schema-3 era (from the newest rollout)', withHome('invalid', async (home) => {
  const day = path.join(home, 'sessions/2026/05/30');
  fs.mkdirSync(day, { recursive: true });
  fs.writeFileSync(path.join(day, 'rollout-2026-05-30T10-00-00-x.jsonl'), '{"timestamp":"2026-05-30T10:00:00Z","type":"session_meta","payload":{"cli_version":"0.138.0"}}\n');
  const r = await scan(home, { codexVersion: undefined, env: { home, platform: 'linux', PATH: '' } });
  assert.equal(fileOf(r, `${TOOLS}/${IDS.healthyIdentity}.json`)!.state, 'ok');
  assert.equal(r.connectors[0]!.health, 'healthy');
}));

test('tools schema versions 1–4 and unknown ones, for current Codex and for an unknown version', async () => {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'relink-schemas-')));
  try {
    fs.mkdirSync(path.join(home, TOOLS), { recursive: true });
    const names: string[] = [];
    for (const v of [1, 2, 3, 4, 5, 0]) {
      const name = String(v).repeat(40).slice(0, 40).replace(/[^0-9a-f]/g, 'a');
      names.push(name);
      fs.writeFileSync(path.join(home, TOOLS, `${name}.json`), toolsFile([{ id: 'connector_x', link: `link_v${v}` }], v));
    }
    const r = await scan(home);
    const states = Object.fromEntries(r.files.map((f) => [f.schemaVersion, f.state]));
    assert.deepEqual(states, { 0: 'unsupported-schema', 1: 'unsupported-schema', 2: 'unsupported-schema', 3: 'unsupported-schema', 4: 'ok', 5: 'unsupported-schema' });
    const health = Object.fromEntries(r.connectors.map((c) => [c.linkIds[0], c.health]));
    assert.deepEqual(health, { link_v1: 'unknown', link_v2: 'unknown', link_v3: 'unknown', link_v4: 'healthy' }, 'known shapes read best-effort, unknown ones not');
    assert.match(r.files.find((f) => f.schemaVersion === 5)!.message!, /Update Relink/);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('hostile file-system shapes each get a state and a message, with no hang', withHome('healthy', async (home) => {
  const dir = path.join(home, TOOLS);
  const hex = (c: string) => c.repeat(40);
  execFileSync('mkfifo', [path.join(dir, `${hex('1')}.json`)]);
  fs.mkdirSync(path.join(dir, `${hex('2')}.json`));
  fs.symlinkSync(path.join(home, 'nowhere.json'), path.join(dir, `${hex('3')}.json`));
  fs.symlinkSync(path.join(dir, `${IDS.healthyIdentity}.json`), path.join(dir, `${hex('4')}.json`));
  fs.writeFileSync(path.join(home, 'auth.json'), '{"tokens":{"access_token":"CANARY-TOKEN"}}');
  fs.symlinkSync('../../auth.json', path.join(dir, `${hex('5')}.json`));
  fs.linkSync(path.join(home, 'auth.json'), path.join(dir, `${hex('6')}.json`));
  fs.writeFileSync(path.join(dir, `${hex('7')}.json`), Buffer.alloc(33 * 1024 * 1024, 0x20));
  fs.writeFileSync(path.join(dir, '.tmpAbC123'), 'in flight');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a cache entry');
  const spy = createFaultFs(createNodeFs());
  const r = await scan(home, { fs: spy.fs });
  const st = (c: string) => fileOf(r, `${TOOLS}/${hex(c)}.json`)!;
  assert.deepEqual([st('1').state, st('2').state, st('3').state, st('4').state, st('5').state, st('6').state, st('7').state],
    ['not-a-file', 'not-a-file', 'unreadable', 'ok', 'unreadable', 'unreadable', 'too-large']);
  assert.match(st('1').message!, /FIFO/);
  assert.match(st('2').message!, /directory/);
  assert.match(st('3').message!, /does not exist/);
  assert.equal(st('4').symlink, true);
  assert.match(st('5').message!, /never reads/);
  assert.match(st('6').message!, /hard link/);
  assert.match(st('7').message!, /32 MiB/);
  assert.equal(st('7').bytes, 33 * 1024 * 1024);
  assert.ok(!r.files.some((f) => f.path.includes('.tmp') || f.path.endsWith('.txt')), 'temp and foreign files are not listed');
  const opened = spy.calls.filter((c) => c.method === 'open').map((c) => path.basename(c.paths[0]!));
  for (const c of ['1', '2', '3', '5', '6', '7']) assert.ok(!opened.includes(`${hex(c)}.json`), `${c} never opened`);
  assert.ok(!spy.calls.some((c) => c.paths.some((p) => p.endsWith('.tmpAbC123') || p.endsWith('auth.json') && c.method === 'open')));
  // The symlinked copy holds the same connectors as its target, under its own identity.
  assert.equal(r.connectors.filter((c) => c.identity === hex('4')).length, 4);
}));

test('corrupt contents: BOM, invalid UTF-8, truncation, deep nesting, wrong shapes, prototype keys', withHome('healthy', async (home) => {
  const dir = path.join(home, TOOLS);
  const good = fs.readFileSync(path.join(dir, `${IDS.healthyIdentity}.json`));
  const cases: Record<string, Buffer | string> = {
    a: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good]),
    b: Buffer.concat([good.subarray(0, 100), Buffer.from([0xc3, 0x28]), good.subarray(100)]),
    c: good.subarray(0, good.length - 7),
    d: '{"schema_version":4,"tools":[{"tool":{"inputSchema":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}}]}',
    e: '[1,2,3]',
    f: '{"schema_version":"4","tools":[]}',
    g: '{"schema_version":4,"tools":{}}',
    h: '',
    i: '{"schema_version":4,"tools":[{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"connector_id":"connector___proto__","tool":{"_meta":{"link_id":"link_p","__proto__":{"y":1}}}}]}',
  };
  for (const [c, bytes] of Object.entries(cases)) fs.writeFileSync(path.join(dir, `${c.repeat(40)}.json`), bytes);
  const r = await scan(home, { parser: createWorkerParser() });
  const st = (c: string) => fileOf(r, `${TOOLS}/${c.repeat(40)}.json`)!;
  assert.match(st('a').message!, /byte-order mark/);
  assert.match(st('b').message!, /UTF-8/);
  assert.match(st('c').message!, /not valid JSON/);
  assert.match(st('d').message!, /nested deeper/);
  assert.match(st('e').message!, /top level is not an object/);
  assert.match(st('f').message!, /not an integer/);
  assert.match(st('g').message!, /no "tools" array/);
  assert.match(st('h').message!, /empty/);
  for (const c of 'abcdefgh') assert.equal(st(c).state, 'corrupt', c);
  assert.equal(st('i').state, 'ok');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(({} as Record<string, unknown>).y, undefined);
  assert.deepEqual(r.connectors.find((x) => x.identity === 'i'.repeat(40))?.linkIds, ['link_p']);
}));

test('a file replaced (rename) while open is read consistently: one whole version', withHome('healthy', async (home) => {
  const file = path.join(home, TOOLS, `${IDS.healthyIdentity}.json`);
  const replacement = toolsFile([{ id: 'connector_new', link: 'link_new' }]);
  const base = createNodeFs();
  let swapped = false;
  const racing: Fs = {
    ...base,
    open: (async (p: string, flags: number) => {
      const h = await base.open(p, flags);
      if (!swapped && p === file) {
        swapped = true;
        fs.writeFileSync(file + '.next', replacement);
        fs.renameSync(file + '.next', file); // Codex's atomic writer
      }
      return h;
    }) as Fs['open'],
  };
  const r = await scan(home, { fs: racing });
  assert.ok(swapped);
  const ids = r.connectors.map((c) => c.id).sort();
  assert.deepEqual(ids, [IDS.notes, IDS.gmail, IDS.calendar, IDS.linear].sort(), 'the old version, whole');
  const again = await scan(home);
  assert.deepEqual(again.connectors.map((c) => c.linkIds[0]), ['link_new'], 'the next scan sees the new version');
}));

/** An Fs whose handle for `file` runs `onRead` before every read: a writer racing the reader. */
function racingFs(file: string, onRead: () => void): Fs {
  const base = createNodeFs();
  return {
    ...base,
    open: (async (p: string, flags: number) => {
      const h = await base.open(p, flags);
      if (p !== file) return h;
      return new Proxy(h, {
        get(target, prop, recv) {
          const v = Reflect.get(target, prop, recv);
          if (typeof v !== 'function') return v;
          if (prop !== 'read') return v.bind(target);
          return async (...args: unknown[]) => {
            onRead();
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }) as Fs['open'],
  };
}

test('a file rewritten in place during the read is retried, never mixed', withHome('healthy', async (home) => {
  const file = path.join(home, TOOLS, `${IDS.healthyIdentity}.json`);
  const replacement = toolsFile([{ id: 'connector_inplace', link: 'link_inplace' }]);
  let rewrites = 0;
  // Truncate + write on the same inode, mid-read, once.
  const racing = racingFs(file, () => rewrites++ === 0 && fs.writeFileSync(file, replacement));
  const r = await scan(home, { fs: racing });
  assert.equal(fileOf(r, `${TOOLS}/${IDS.healthyIdentity}.json`)!.state, 'ok');
  assert.deepEqual(r.connectors.map((c) => c.id), ['connector_inplace'], 'the retry read the new version whole');
}));

test('a file that keeps changing is reported, not guessed', withHome('healthy', async (home) => {
  const file = path.join(home, TOOLS, `${IDS.healthyIdentity}.json`);
  let n = 0;
  const r = await scan(home, { fs: racingFs(file, () => fs.appendFileSync(file, ' '.repeat(++n))) });
  const f = fileOf(r, `${TOOLS}/${IDS.healthyIdentity}.json`)!;
  assert.equal(f.state, 'unreadable');
  assert.match(f.message!, /kept changing/);
}));

test('a rescan of an unchanged home opens nothing; a touched file is read again', withHome('healthy', async (home) => {
  const spy = createFaultFs(createNodeFs());
  const scanner = createScanner({ fs: spy.fs, clock: { now: () => new Date() }, codexHome: home, env, parser: createInProcessParser(), codexVersion: async () => null });
  try {
    const first = await scanner.scan();
    const opens = () => spy.calls.filter((c) => c.method === 'open').length;
    const n1 = opens();
    assert.equal(n1, 4);
    const second = await scanner.scan();
    assert.equal(opens(), n1, 'no file opened on an unchanged rescan');
    assert.deepEqual(second.files, first.files);
    const t = new Date('2026-06-01T00:00:00Z');
    fs.utimesSync(path.join(home, TOOLS, `${IDS.healthyIdentity}.json`), t, t);
    const third = await scanner.scan();
    assert.equal(opens(), n1 + 1);
    assert.equal(third.files[0]!.modifiedAt, t.toISOString());
  } finally {
    await scanner.close();
  }
}));

test('permission errors on open become unreadable with a message', withHome('healthy', async (home) => {
  const fault = createFaultFs(createNodeFs(), { match: (c) => c.method === 'open' && c.paths[0]!.includes('codex_app_directory'), failAt: 1, persistent: true, code: 'EACCES' });
  const r = await scan(home, { fs: fault.fs });
  const dir = r.files.find((f) => f.kind === 'codex_app_directory')!;
  assert.equal(dir.state, 'unreadable');
  assert.match(dir.message!, /permission denied/);
  assert.equal(r.connectors.find((c) => c.name === 'Linear')?.installUrl, `https://chatgpt.com/apps/linear/${IDS.linear}`, 'derived without the directory');
}));

test('missing cache folders are simply empty; a home with no caches yields no rows', async () => {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'relink-empty-')));
  try {
    const r = await scan(home);
    assert.deepEqual(r.files, []);
    assert.deepEqual(r.connectors, []);
    fs.mkdirSync(path.join(home, 'cache'));
    fs.writeFileSync(path.join(home, 'cache', 'codex_apps_tools'), 'a file where a folder should be');
    assert.deepEqual((await scan(home)).files, []);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a scan never opens auth.json or anything outside the cache folders', withHome('stale-link', async (home) => {
  fs.writeFileSync(path.join(home, 'auth.json'), '{"tokens":{}}');
  fs.writeFileSync(path.join(home, '.credentials.json'), '{}');
  const spy = createFaultFs(createNodeFs());
  await scan(home, { fs: spy.fs, codexVersion: undefined, env: { home, platform: 'linux', PATH: '' } });
  const opened = spy.calls.filter((c) => c.method === 'open').map((c) => path.relative(home, c.paths[0]!));
  assert.ok(opened.length > 0);
  for (const p of opened) assert.ok(p.startsWith('cache/') || p.startsWith('sessions/'), `opened ${p}`);
  assert.ok(!spy.calls.some((c) => c.paths.some((p) => /auth\.json|credentials/.test(p))));
}));

function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = `${fs.readFileSync(p).toString('base64')}:${fs.statSync(p).mtimeMs}`;
    }
  };
  walk(root);
  return out;
}

test('evidence: stale-link Linear needs reauth; after regeneration it is healthy with the history', withHome('stale-link', async (home) => {
  const { evidenceStep } = await import('./status-evidence');
  const { regenerateStaleLink } = await import('./testing/fixtures');
  const deps = { fs: createNodeFs(), clock: { now: () => new Date('2026-05-28T00:00:00Z') }, codexHome: home, env: { home, platform: 'linux' as const } };
  const before = await scan(home, { evidence: evidenceStep(deps), clock: deps.clock });
  const linear = before.connectors.find((c) => c.id === IDS.linear)!;
  assert.equal(linear.health, 'needs-reauth');
  assert.equal(linear.lastAuthFailure?.linkId, IDS.staleLink);
  assert.match(linear.lastAuthFailure!.source, /^sessions\/2026\/05\/27\/rollout-/);
  assert.equal(before.connectors.find((c) => c.id === IDS.calendar)!.health, 'healthy');
  regenerateStaleLink(home);
  const after = await scan(home, { evidence: evidenceStep(deps), clock: deps.clock });
  const recovered = after.connectors.find((c) => c.id === IDS.linear)!;
  assert.equal(recovered.health, 'healthy');
  assert.deepEqual(recovered.linkIds, [IDS.regeneratedLink]);
  assert.match(recovered.reasons.join(' '), /link changed/);
}));
