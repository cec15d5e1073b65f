import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { trayIconFile } from './tray-state';
import type { TrayIcon } from './tray-state';

const dir = path.join(__dirname, '../../build/tray');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allIcons } = require('../../build/make-tray-icons.cjs') as { allIcons(): [string, Buffer][] };

test('every icon main asks for exists, at 1x (16 px) and @2x (32 px)', () => {
  for (const icon of ['ok', 'attention', 'unknown'] as TrayIcon[]) {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const dark of [false, true]) {
        const file = path.join(dir, trayIconFile(icon, platform, dark));
        for (const [f, size] of [[file, 16], [file.replace(/\.png$/, '@2x.png'), 32]] as const) {
          const png = fs.readFileSync(f);
          assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG', f);
          assert.equal(png.readUInt32BE(16), size, `${f} width`);
          assert.equal(png.readUInt32BE(20), size, `${f} height`);
        }
      }
    }
  }
});

test('the committed icons are exactly what the generator draws', () => {
  const icons = allIcons();
  assert.equal(icons.length, 18);
  for (const [name, bytes] of icons) assert.ok(fs.readFileSync(path.join(dir, name)).equals(bytes), `${name} is stale: run node build/make-tray-icons.cjs`);
  const attention = icons.find(([n]) => n === 'tray-attentionTemplate.png')![1];
  const ok = icons.find(([n]) => n === 'tray-okTemplate.png')![1];
  assert.ok(!attention.equals(ok), 'states look different');
});
