/**
 * Two Relink processes (think: the tray app and the CLI) start a reset of the same store at
 * the same moment (reliability.md case 29): one gets the lock, the other answers busy (or,
 * when it came second, finds nothing left to move); no byte is lost and nothing is half done.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { allHashes, assertClean, assertNoLoss, fixtureHome, manifests, tempDir } from './testing/harness';

let child = '';
before(async () => {
  child = path.join(tempDir('relink-mp-bin-'), 'crash-child.cjs');
  await build({ entryPoints: [path.join(__dirname, 'testing/crash-child.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'warning' });
});
after(() => fs.rmSync(path.dirname(child), { recursive: true, force: true }));

interface Outcome {
  ok: boolean;
  failure: { code: string; message: string } | null;
}

function run(job: object): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, JSON.stringify({ crashAt: 0, ...job })], { timeout: 30_000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout) as Outcome);
    });
  });
}

test('two processes reset the same store at once: one wins, the other is busy or finds nothing; no loss', { timeout: 120_000 }, async () => {
  // Each round is a fresh race; MP_ROUNDS=40 makes it a soak (it found a staging-folder race).
  for (let round = 0; round < Number(process.env.MP_ROUNDS ?? 8); round++) {
    const home = fixtureHome();
    const store = path.join(home, 'relink');
    const start = allHashes(home, store);
    const outcomes = await Promise.all([run({ home, storeDir: store, op: 'reset-all' }), run({ home, storeDir: store, op: 'reset-all' })]);
    const winners = outcomes.filter((o) => o.ok);
    const losers = outcomes.filter((o) => !o.ok);
    assert.equal(winners.length, 1, `round ${round}: ${JSON.stringify(outcomes)}`);
    assert.ok(['busy', 'not-found'].includes(losers[0]!.failure!.code), JSON.stringify(losers[0]));
    if (losers[0]!.failure!.code === 'busy') assert.match(losers[0]!.failure!.message, /Another Relink/);
    assert.equal(manifests(store).length, 1, 'exactly one backup');
    assertNoLoss(start, home, store, `round ${round}`);
    assertClean(home, store, `round ${round}`);
    assert.ok(!fs.existsSync(path.join(store, 'lock')), 'the lock was released');
    fs.rmSync(home, { recursive: true, force: true }); // fixtureHome() is the temp dir itself
  }
});
