/**
 * Test-only child process for the crash suite (reliability.md §4.2): runs one store action
 * with REAL fsync through a fault-fs whose k-th mutating call SIGKILLs this process (no
 * `finally` runs, like a crash), or, with `crashAt: 0`, runs it through and prints how many
 * mutating calls it made.
 *
 * argv[2]: JSON `{ home, storeDir, op: 'reset' | 'reset-all' | 'restore' | 'recover', id?, crashAt }`.
 */
import { createNodeFs } from '../../fs-facade';
import { createFaultFs } from '../../testing/fault-fs';
import { openStore } from '../index';
import { STALE_ROWS } from './crash-rows';

/** The calls fault-fs counts by default (kept in step with testing/fault-fs.ts). */
const MUTATING = new Set(['mkdir', 'rename', 'link', 'unlink', 'rmdir', 'rm', 'chmod', 'utimes', 'fsyncDir', 'fsyncFile', 'write', 'writeFile', 'truncate', 'sync']);

interface Job {
  home: string;
  storeDir: string;
  op: 'reset' | 'reset-all' | 'restore' | 'recover';
  id?: string;
  crashAt: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const faulty = createFaultFs(createNodeFs(), {
    failAt: job.crashAt > 0 ? job.crashAt : undefined,
    onHit: () => process.kill(process.pid, 'SIGKILL'),
  });
  const store = openStore({
    fs: faulty.fs,
    clock: { now: () => new Date() },
    codexHome: job.home,
    storeDir: job.storeDir,
    probe: { list: async () => [] },
    inventory: async () => STALE_ROWS,
    appVersion: 'crash-child',
  });
  const r =
    job.op === 'reset' ? await store.resetConnector({ connectorId: STALE_ROWS[0]!.id })
    : job.op === 'reset-all' ? await store.resetAll({})
    : job.op === 'restore' ? await store.restore({ id: job.id! })
    : await store.recover();
  const mutating = faulty.calls.filter((c) => MUTATING.has(c.method)).map((c) => `${c.method} ${c.paths[0] ?? ''}`);
  process.stdout.write(JSON.stringify({ ok: r.ok, steps: faulty.counted(), calls: mutating, failure: r.ok ? null : r }));
}

void main();
