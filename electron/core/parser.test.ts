import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInProcessParser, createWorkerParser } from './parser';

const enc = (s: string) => new TextEncoder().encode(s);
const toolsDoc = (n: number) =>
  JSON.stringify({
    schema_version: 4,
    tools: Array.from({ length: n }, (_, i) => ({
      server_name: 'codex_apps',
      tool: { name: `t${i}`, _meta: { connector_id: 'connector_a', connector_name: 'A', link_id: 'link_1' } },
      connector_id: 'connector_a',
    })),
  });

test('worker and in-process parsers agree on a tools file', async () => {
  const worker = createWorkerParser();
  try {
    const bytes = enc(toolsDoc(3));
    const a = await worker.parse('codex_apps_tools', bytes);
    const b = await createInProcessParser().parse('codex_apps_tools', bytes);
    assert.deepEqual(a, b);
    assert.equal(a.ok && a.connectors[0]?.toolCount, 3);
  } finally {
    await worker.close();
  }
});

test('a memory bomb is refused inside the worker without exhausting it; the next parse works', async () => {
  // Node 24 aborts the whole process when a worker hits its heap limit, so the bomb must be
  // refused before JSON.parse (json-verdict MAX_CONTAINERS); the worker is the second line.
  const worker = createWorkerParser();
  try {
    const bomb = enc('{"schema_version":4,"tools":[' + Array(2_000_000).fill('{}').join(',') + ']}');
    const r = await worker.parse('codex_apps_tools', bomb);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && 'relinkLimit' in r && r.relinkLimit, 'refused as a Relink limit');
    const next = await worker.parse('codex_apps_tools', enc(toolsDoc(1)));
    assert.equal(next.ok, true);
  } finally {
    await worker.close();
  }
});

test('a parse that runs past the time limit is stopped and reported', async () => {
  const worker = createWorkerParser({ timeoutMs: 1 });
  try {
    const r = await worker.parse('codex_apps_tools', enc(toolsDoc(20_000)));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /within/);
  } finally {
    await worker.close();
  }
});
