import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { watchCaches, watchedDirs } from './watcher';
import type { Timers, WatchDir } from './watcher';

/** Manual timers: nothing runs until `advance`. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const jobs = new Map<number, { at: number; fn: () => void; every?: number }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => (jobs.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (h) => void jobs.delete(h as number),
    setInterval: (fn, ms) => (jobs.set(++seq, { at: now + ms, fn, every: ms }), seq),
    clearInterval: (h) => void jobs.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...jobs.entries()].filter(([, j]) => j.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, job] = due;
      now = job.at;
      if (job.every) job.at += job.every;
      else jobs.delete(id);
      job.fn();
    }
    now = end;
  };
  return { timers, advance, pendingJobs: () => jobs.size };
}

/** A scripted file system of folders: watching a missing one throws ENOENT. */
function scriptedDirs(existing: string[]) {
  const dirs = new Set(existing);
  const live = new Map<string, { onEvent: (n: string | null) => void; onError: () => void }>();
  let closes = 0;
  const watchDir: WatchDir = (dir, onEvent, onError) => {
    if (!dirs.has(dir)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    live.set(dir, { onEvent, onError });
    return { close: () => (closes++, live.delete(dir)) };
  };
  const emit = (dir: string, name: string | null) => live.get(dir)?.onEvent(name);
  return { dirs, live, watchDir, emit, closes: () => closes };
}

const HOME = path.join(path.sep, 'home', 'u', '.codex');
const CACHE = path.join(HOME, 'cache');
const TOOLS = path.join(CACHE, 'codex_apps_tools');

test('a burst of events fires onChange once, after the quiet period', () => {
  const t = manualTimers();
  const d = scriptedDirs(watchedDirs(HOME));
  let changes = 0;
  watchCaches({ codexHome: HOME, watchDir: d.watchDir, onChange: () => changes++, timers: t.timers, debounceMs: 300 });
  assert.equal(d.live.size, 6);
  for (let i = 0; i < 10; i++) {
    d.emit(TOOLS, 'a.json');
    t.advance(100);
  }
  assert.equal(changes, 0, 'still inside the burst');
  t.advance(300);
  assert.equal(changes, 1);
  d.emit(TOOLS, null);
  t.advance(300);
  assert.equal(changes, 2, 'an event without a name still counts');
});

test("Codex's temp files and unrelated CODEX_HOME entries do not trigger a scan", () => {
  const t = manualTimers();
  const d = scriptedDirs(watchedDirs(HOME));
  let changes = 0;
  watchCaches({ codexHome: HOME, watchDir: d.watchDir, onChange: () => changes++, timers: t.timers });
  d.emit(TOOLS, '.tmp1234');
  d.emit(HOME, 'logs_2.sqlite-wal');
  d.emit(HOME, 'sessions');
  t.advance(1000);
  assert.equal(changes, 0);
  d.emit(HOME, 'cache');
  t.advance(1000);
  assert.equal(changes, 1);
});

test('folders that appear later are watched from their parent event or the retry tick', () => {
  const t = manualTimers();
  const d = scriptedDirs([HOME]);
  let changes = 0;
  watchCaches({ codexHome: HOME, watchDir: d.watchDir, onChange: () => changes++, timers: t.timers, retryMs: 5000 });
  assert.deepEqual([...d.live.keys()], [HOME]);
  d.dirs.add(CACHE);
  d.emit(HOME, 'cache');
  assert.ok(d.live.has(CACHE));
  d.dirs.add(TOOLS);
  d.emit(CACHE, 'codex_apps_tools');
  assert.ok(d.live.has(TOOLS));
  t.advance(300);
  assert.equal(changes, 1);
  const dir = path.join(CACHE, 'remote_plugin_catalog');
  d.dirs.add(dir);
  t.advance(5000);
  assert.ok(d.live.has(dir), 'retry tick armed it');
  assert.equal(changes, 2, 'and reported the change');
});

test('a removed or re-created folder is re-armed', () => {
  const t = manualTimers();
  const d = scriptedDirs(watchedDirs(HOME));
  let changes = 0;
  watchCaches({ codexHome: HOME, watchDir: d.watchDir, onChange: () => changes++, timers: t.timers });
  const closesBefore = d.closes();
  d.emit(CACHE, 'codex_apps_tools');
  assert.equal(d.closes(), closesBefore + 1, 'the old watch is closed');
  assert.ok(d.live.has(TOOLS), 'and a new one armed');
  d.dirs.delete(TOOLS);
  d.live.get(TOOLS)!.onError();
  assert.ok(!d.live.has(TOOLS));
  d.dirs.add(TOOLS);
  t.advance(5000);
  assert.ok(d.live.has(TOOLS));
  assert.ok(changes >= 1);
});

test('close stops every watch and timer', () => {
  const t = manualTimers();
  const d = scriptedDirs(watchedDirs(HOME));
  let changes = 0;
  const h = watchCaches({ codexHome: HOME, watchDir: d.watchDir, onChange: () => changes++, timers: t.timers });
  d.emit(TOOLS, 'a.json');
  h.close();
  t.advance(10_000);
  assert.equal(changes, 0);
  assert.equal(d.live.size, 0);
  assert.equal(t.pendingJobs(), 0);
});
