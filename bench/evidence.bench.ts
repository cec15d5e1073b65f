/**
 * Evidence-scanner benchmark: cold and warm scans of generated rollouts vs `grep -F` over the
 * same files. Prints one JSON line: { name, n, bytes, coldMs, warmMs, appendMs, grepMs, coldRatio, warmRatio }.
 *
 * Inputs: `BENCH_ROLLOUTS` (default 2,000) rollouts of ~`BENCH_ROLLOUT_KB` (default 100) KiB each
 * under sessions/YYYY/MM/DD, a few auth failures among ordinary tool calls and long outputs.
 * "append" = warm scan after appending one failure to 10 files.
 *
 * Run: `npx tsx bench/evidence.bench.ts`. Inputs are generated in a temp dir and removed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEvidenceScanner } from '../electron/core/evidence';
import { createNodeFs } from '../electron/core/fs-facade';

const N = Number(process.env.BENCH_ROLLOUTS ?? 2000);
const KB = Number(process.env.BENCH_ROLLOUT_KB ?? 100);
const CONNECTOR = 'connector_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const LINK = 'link_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';

function line(i: number, auth: boolean): string {
  const ts = new Date(Date.UTC(2026, 4, 27, 18, 0, i % 60)).toISOString();
  if (auth) {
    const caf = { is_auth_failure: true, auth_reason: 'reauthentication_required', connector_id: CONNECTOR, link_id: LINK, error_code: 'UNAUTHORIZED', error_http_status_code: 401, error_action: 'TRIGGER_REAUTHENTICATION' };
    return JSON.stringify({ timestamp: ts, type: 'event_msg', payload: { type: 'mcp_tool_call_end', call_id: `c${i}`, invocation: { server: 'codex_apps', tool: 'linear_get_issue' }, connector_id: CONNECTOR, link_id: LINK, result: { Ok: { isError: true, content: [{ type: 'text', text: "401: 'Reauthentication required'" }], _meta: { _codex_apps: { connector_auth_failure: caf } } } } } });
  }
  if (i % 5 === 0) return JSON.stringify({ timestamp: ts, type: 'event_msg', payload: { type: 'mcp_tool_call_end', invocation: { server: 'codex_apps', tool: 'linear_search_issues' }, connector_id: CONNECTOR, link_id: LINK, result: { Ok: { content: [{ type: 'text', text: 'ok '.repeat(200) }] } } } });
  return JSON.stringify({ timestamp: ts, type: 'response_item', payload: { type: 'function_call_output', call_id: `c${i}`, output: 'lorem ipsum dolor sit amet '.repeat(40) } });
}

function generate(home: string): { files: string[]; bytes: number } {
  const files: string[] = [];
  let bytes = 0;
  for (let f = 0; f < N; f++) {
    const day = String((f % 28) + 1).padStart(2, '0');
    const dir = path.join(home, 'sessions/2026/05', day);
    fs.mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < KB * 1024; i++) {
      const l = line(i, f % 50 === 0 && i === 7);
      lines.push(l);
      size += l.length + 1;
    }
    const file = path.join(dir, `rollout-2026-05-${day}T00-00-00-${f.toString(16).padStart(8, '0')}.jsonl`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    files.push(file);
    bytes += size;
  }
  return { files, bytes };
}

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-evbench-'));
  try {
    const home = path.join(root, 'home');
    const { files, bytes } = generate(home);
    const deps = { fs: createNodeFs(), clock: { now: () => new Date() }, codexHome: home, env: { home: root, platform: process.platform }, stateDir: path.join(root, 'state') };
    const scanner = createEvidenceScanner(deps);
    let t = performance.now();
    const cold = await scanner.scan();
    const coldMs = ms(t);
    t = performance.now();
    const warm = await scanner.scan();
    const warmMs = ms(t);
    for (const f of files.slice(0, 10)) fs.appendFileSync(f, line(1, true) + '\n');
    t = performance.now();
    const appended = await scanner.scan();
    const appendMs = ms(t);
    // The baseline: one grep -F over the same files for the string every candidate line holds.
    t = performance.now();
    execFileSync('grep', ['-rF', '--include=*.jsonl', '-c', 'codex_apps', path.join(home, 'sessions')], { maxBuffer: 64 * 1024 * 1024 });
    const grepMs = ms(t);
    if (cold.failures.length !== warm.failures.length || appended.failures.length !== cold.failures.length + 10) throw new Error('scan results disagree');
    const r = (a: number) => Math.round((a / grepMs) * 100) / 100;
    console.log(JSON.stringify({ name: 'evidence scan vs grep -F', n: files.length, bytes, failures: cold.failures.length, coldMs, warmMs, appendMs, grepMs, coldRatio: r(coldMs), warmRatio: r(warmMs), ms: coldMs }));
  } finally {
    if (process.env.BENCH_KEEP) console.error(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
