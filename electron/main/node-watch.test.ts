import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { watchCaches } from '../core/watcher';
import { nodeWatchDir } from './node-watch';

/** Resolves on the next onChange; fails the test if none comes within 10 s. */
function nextChange(register: (fn: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change event within 10 s')), 10_000);
    register(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

test('real fs.watch: a cache file rewritten under a fresh CODEX_HOME triggers onChange', async (t) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-watch-'));
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  let waiter: (() => void) | null = null;
  const h = watchCaches({ codexHome: home, watchDir: nodeWatchDir, onChange: () => waiter?.(), debounceMs: 50, retryMs: 200 });
  t.after(() => h.close());

  const tools = path.join(home, 'cache', 'codex_apps_tools');
  let p = nextChange((fn) => (waiter = fn));
  fs.mkdirSync(tools, { recursive: true });
  await p;

  // Codex's atomic write: temp file, then rename over the cache entry (codex-caches.md §1).
  p = nextChange((fn) => (waiter = fn));
  const tmp = path.join(tools, '.tmpXYZ');
  fs.writeFileSync(tmp, '{"schema_version":4}');
  fs.renameSync(tmp, path.join(tools, 'a'.repeat(40) + '.json'));
  await p;
  assert.ok(fs.existsSync(path.join(tools, 'a'.repeat(40) + '.json')));
});

test('nodeWatchDir throws for a missing folder', () => {
  assert.throws(() => nodeWatchDir(path.join(os.tmpdir(), 'relink-no-such-dir-' + process.pid), () => {}, () => {}), /ENOENT/);
});
