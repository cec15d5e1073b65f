import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findElectron, missingMessage } = require('../scripts/start.cjs') as {
  findElectron(dir: string): { ok: true; binary: string } | { ok: false; reason: string };
  missingMessage(reason: string): string;
};

test('findElectron: missing path.txt, missing binary, present binary', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relink-electron-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const r1 = findElectron(dir);
  assert.ok(!r1.ok && /path\.txt is missing/.test(r1.reason));
  fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
  const r2 = findElectron(dir);
  assert.ok(!r2.ok && /dist[\\/]electron does not exist/.test(r2.reason));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
  assert.deepEqual(findElectron(dir), { ok: true, binary: path.join(dir, 'dist', 'electron') });
});

test('npm start without the Electron binary prints one clear sentence and exits 1', (t) => {
  if (findElectron(path.join(root, 'node_modules/electron')).ok) return t.skip('this machine has the Electron binary; npm start would launch it');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/start.cjs')], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^Relink needs the Electron binary, which is not installed on this machine \(.+\); run `npm install` on a machine that can download it\.$/);
  assert.equal(missingMessage('x'), 'Relink needs the Electron binary, which is not installed on this machine (x); run `npm install` on a machine that can download it.');
  assert.ok(!fs.existsSync(path.join(root, 'node_modules/electron/path.txt')), 'no download was attempted');
});
