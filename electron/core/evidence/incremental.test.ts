import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { createNodeFs, type Fs } from '../fs-facade';
import { createEvidenceScanner, type EvidenceDeps } from './index';
import { LINEAR, NOW, OLD_LINK, STALE_ROLLOUT, staleHome } from './test-fixture';

/** An Fs that logs every open and every positioned read (path, position). */
function spyFs(): { fs: Fs; opens: string[]; reads: Array<[string, number]> } {
  const base = createNodeFs({ noSync: true });
  const opens: string[] = [];
  const reads: Array<[string, number]> = [];
  const wrap = (h: FileHandle, p: string): FileHandle =>
    new Proxy(h, {
      get(t, prop, r) {
        const v = Reflect.get(t, prop, r);
        if (prop === 'read' && typeof v === 'function') {
          return (...a: unknown[]) => {
            reads.push([p, Number(a[3])]);
            return (v as (...x: unknown[]) => unknown).apply(t, a);
          };
        }
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
  const open = (async (p: string, ...rest: unknown[]) => {
    opens.push(String(p));
    return wrap(await (base.open as (...x: unknown[]) => Promise<FileHandle>)(p, ...rest), String(p));
  }) as Fs['open'];
  return { fs: { ...base, open }, opens, reads };
}

const failureLine = (at: string, tool: string) =>
  JSON.stringify({
    timestamp: at,
    type: 'event_msg',
    payload: { type: 'mcp_tool_call_end', invocation: { server: 'codex_apps', tool }, connector_id: LINEAR, link_id: OLD_LINK, result: { Ok: { isError: true, content: [{ type: 'text', text: "401: 'Reauthentication required'" }] } } },
  });

function setup() {
  const { home, root } = staleHome();
  const spy = spyFs();
  const d: EvidenceDeps = { fs: spy.fs, clock: { now: () => NOW }, codexHome: home, env: { home: root, platform: 'linux' }, stateDir: path.join(root, 'state') };
  return { home, root, spy, scanner: createEvidenceScanner(d), rollout: path.join(home, STALE_ROLLOUT) };
}

test('warm scan of unchanged files opens none of them and returns the same failures', async () => {
  const { spy, scanner, root } = setup();
  const cold = await scanner.scan();
  assert.ok(fs.existsSync(path.join(root, 'state/evidence-cursors.json')));
  spy.opens.length = 0;
  const warm = await scanner.scan();
  assert.deepEqual(warm, cold);
  assert.deepEqual(spy.opens.filter((p) => !p.includes(`${path.sep}state${path.sep}`)), []);
  assert.deepEqual(spy.opens, [path.join(root, 'state/evidence-cursors.json')], 'read, not rewritten');
});

test('only appended bytes are read; a line being written waits for its newline', async () => {
  const { spy, scanner, rollout } = setup();
  await scanner.scan();
  const size = fs.statSync(rollout).size;
  const line = failureLine('2026-05-27T18:20:00.000Z', 'linear_list_teams');
  fs.appendFileSync(rollout, line.slice(0, 120)); // the writer is mid-line
  spy.reads.length = 0;
  const mid = await scanner.scan();
  assert.equal(mid.failures.filter((f) => f.kind === 'rollout').length, 2);
  assert.deepEqual(spy.reads.filter(([p]) => p === rollout).map(([, pos]) => pos), [size]);
  assert.deepEqual(mid.problems, []);
  fs.appendFileSync(rollout, line.slice(120) + '\n');
  spy.reads.length = 0;
  const done = await scanner.scan();
  const rolls = done.failures.filter((f) => f.kind === 'rollout');
  assert.equal(rolls.length, 3);
  assert.equal(rolls[2]!.at, '2026-05-27T18:20:00.000Z');
  assert.deepEqual(spy.reads.filter(([p]) => p === rollout).map(([, pos]) => pos), [size]);
});

test('a rewritten (truncated) file is rescanned from the start', async () => {
  const { scanner, rollout } = setup();
  await scanner.scan();
  fs.writeFileSync(rollout, failureLine('2026-05-27T18:30:00.000Z', 'linear_get_issue') + '\n');
  const after = await scanner.scan();
  assert.deepEqual(after.failures.filter((f) => f.kind === 'rollout').map((f) => f.at), ['2026-05-27T18:30:00.000Z']);
});

test('a damaged cursor file means a cold scan, not a crash', async () => {
  const { scanner, root } = setup();
  fs.mkdirSync(path.join(root, 'state'), { recursive: true });
  fs.writeFileSync(path.join(root, 'state/evidence-cursors.json'), '{"version":1,"files":{"x":');
  const r = await scanner.scan();
  assert.equal(r.failures.length, 5);
  assert.deepEqual(r.problems, []);
});

test('log DB: warm scan with an unchanged database makes no copy', async () => {
  const { spy, scanner, home } = setup();
  await scanner.scan();
  spy.opens.length = 0;
  await scanner.scan();
  assert.ok(!spy.opens.includes(path.join(home, 'logs_2.sqlite')));
});

test('log DB: a database Codex keeps writing is re-read at most every few minutes', async () => {
  const { DatabaseSync } = await import('node:sqlite');
  const { LOG_DB_MIN_INTERVAL_MS } = await import('./log-db-source');
  const { home, root } = staleHome();
  const spy = spyFs();
  let now = NOW.getTime();
  const scanner = createEvidenceScanner({ fs: spy.fs, clock: { now: () => new Date(now) }, codexHome: home, env: { home: root, platform: 'linux' }, stateDir: path.join(root, 'state') });
  const dbFailures = async () => (await scanner.scan()).failures.filter((f) => f.kind === 'log-db').length;
  assert.equal(await dbFailures(), 1);
  // Codex logs another reauth failure (the database changes).
  const db = new DatabaseSync(path.join(home, 'logs_2.sqlite'));
  const cols = (db.prepare('PRAGMA table_info(logs)').all() as Array<{ name: string }>).map((c) => c.name);
  const row = db.prepare('SELECT * FROM logs ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
  const keep = cols.filter((c) => c !== 'id');
  db.prepare(`INSERT INTO logs (${keep.join(',')}) VALUES (${keep.map(() => '?').join(',')})`).run(
    ...keep.map((c) => (c === 'ts' ? Number(row.ts) + 60 : c === 'feedback_log_body' || c === 'message' ? 'mcp.tools.call{mcp.connector.id="connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0"}: tool result isError=true text=401: Reauthentication required' : (row[c] as never))),
  );
  db.close();
  spy.opens.length = 0;
  now += 60_000;
  assert.equal(await dbFailures(), 1, 'one minute later: the last read is kept');
  assert.ok(!spy.opens.includes(path.join(home, 'logs_2.sqlite')), 'and nothing was copied');
  now += LOG_DB_MIN_INTERVAL_MS;
  assert.equal(await dbFailures(), 2, 'after the interval the new row is found');
});
