/**
 * Read-model benchmark. Prints one JSON line per measurement: { name, n, ms, baselineMs, ratio }.
 *
 * - warm rescan of an unchanged home with 2,000 entries vs a bare `lstat` of each (the issue's
 *   "little more than a stat per file");
 * - cold scan of one 32 MiB tools file (worker parser) vs `JSON.parse` of the same bytes.
 *
 * Run: `npx tsx bench/scan.bench.ts`. Inputs are generated in a temp dir and removed.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createNodeFs } from '../electron/core/fs-facade';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInProcessParser, createWorkerParser } from '../electron/core/parser';
import { createScanner } from '../electron/core/status';

const env = { home: os.homedir(), platform: process.platform };

function tool(i: number, pad: string) {
  return {
    server_name: 'codex_apps',
    tool_name: `_t${i}`,
    tool: { name: `t${i}`, description: pad, inputSchema: { type: 'object', properties: { q: { type: 'string' } } }, _meta: { connector_id: `connector_${i % 40}`, link_id: `link_${i % 40}` } },
    connector_id: `connector_${i % 40}`,
  };
}

async function time(fn: () => Promise<unknown>, reps: number): Promise<number> {
  await fn();
  const t = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  return (performance.now() - t) / reps;
}

async function main() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-bench-'));
  try {
    const dir = path.join(home, 'cache/codex_apps_tools');
    fs.mkdirSync(dir, { recursive: true });
    const small = JSON.stringify({ schema_version: 4, tools: [tool(1, 'x'), tool(2, 'y')] });
    const n = 2000;
    for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `${i.toString(16).padStart(40, '0')}.json`), small);
    const scanner = createScanner({ fs: createNodeFs(), clock: { now: () => new Date() }, codexHome: home, env, codexVersion: async () => null });
    const cold = performance.now();
    await scanner.scan();
    const coldMs = performance.now() - cold;
    const warm = await time(() => scanner.scan(), 5);
    const names = fs.readdirSync(dir);
    const stat = await time(() => Promise.all(names.map((x) => fsp.lstat(path.join(dir, x)))), 5);
    await scanner.close();
    console.log(JSON.stringify({ name: 'warm rescan, 2000 entries vs lstat each', n, ms: round(warm), baselineMs: round(stat), ratio: round(warm / stat), coldMs: round(coldMs) }));

    fs.rmSync(dir, { recursive: true });
    fs.mkdirSync(dir);
    const pad = 'd'.repeat(3000);
    const tools = [];
    let size = 0;
    for (let i = 0; size < 30 * 1024 * 1024; i++) {
      const t = tool(i, pad);
      size += JSON.stringify(t, null, 2).length + 12;
      tools.push(t);
    }
    let big = JSON.stringify({ schema_version: 4, tools }, null, 2);
    while (big.length > 32 * 1024 * 1024) {
      tools.pop();
      big = JSON.stringify({ schema_version: 4, tools }, null, 2);
    }
    fs.writeFileSync(path.join(dir, `${'f'.repeat(40)}.json`), big);
    const parse = await time(async () => JSON.parse(fs.readFileSync(path.join(dir, `${'f'.repeat(40)}.json`), 'utf8')), 3);
    const coldBig = await time(async () => {
      const s = createScanner({ fs: createNodeFs(), clock: { now: () => new Date() }, codexHome: home, env, parser: createWorkerParser(), codexVersion: async () => null });
      const r = await s.scan();
      await s.close();
      if (r.files[0]?.state !== 'ok') throw new Error(`bench input not ok: ${r.files[0]?.state} ${r.files[0]?.message}`);
    }, 3);
    const stall = async (parser: ReturnType<typeof createWorkerParser>) => {
      const h = monitorEventLoopDelay({ resolution: 5 });
      h.enable();
      const s = createScanner({ fs: createNodeFs(), clock: { now: () => new Date() }, codexHome: home, env, parser, codexVersion: async () => null });
      await s.scan();
      await s.close();
      h.disable();
      return h.max / 1e6;
    };
    const inWorker = await stall(createWorkerParser());
    const inMain = await stall(createInProcessParser());
    console.log(JSON.stringify({ name: 'longest main-thread stall during that scan: worker vs in-process parse', n: 1, ms: round(inWorker), baselineMs: round(inMain), ratio: round(inWorker / inMain) }));
    console.log(JSON.stringify({ name: `cold scan of a ${(big.length / 1048576).toFixed(1)} MiB tools file (worker) vs JSON.parse`, n: tools.length, ms: round(coldBig), baselineMs: round(parse), ratio: round(coldBig / parse) }));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
void main();
