/**
 * Test-only Codex simulator (reliability.md §4.3): publishes versions of cache entries the way
 * Codex 0.145+ does (`.tmp` + 6 random characters in the same folder, 0600, then `rename` over
 * the entry) and logs every version it published, with the inode it replaced, as JSON lines.
 *
 * argv[2]: JSON `{ targets: string[], count: number, log: string, pauseMs: number }`.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Job {
  targets: string[];
  count: number;
  log: string;
  pauseMs: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const pause = new Int32Array(new SharedArrayBuffer(4));
const alnum = () => randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6);

for (let i = 0; i < job.count; i++) {
  for (const target of job.targets) {
    const body = JSON.stringify({ schema_version: 4, version: i, pad: randomBytes(64).toString('hex') }, null, 2);
    const tmp = path.join(path.dirname(target), `.tmp${alnum()}`);
    const rec: Record<string, unknown> = { target, i, hash: createHash('sha256').update(body).digest('hex') };
    try {
      fs.writeFileSync(tmp, body, { mode: 0o600, flag: 'wx' });
      rec.ino = fs.statSync(tmp).ino;
      try {
        rec.over = fs.lstatSync(target).ino;
      } catch {
        rec.over = null;
      }
      fs.renameSync(tmp, target);
    } catch (err) {
      rec.error = String((err as Error).message);
    }
    fs.appendFileSync(job.log, JSON.stringify(rec) + '\n');
  }
  Atomics.wait(pause, 0, 0, job.pauseMs);
}
