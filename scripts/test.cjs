#!/usr/bin/env node
// `npm test`: builds, runs every unit test (node:test via tsx) and every e2e test (Playwright),
// then prints one combined line `N passed, N failed, N skipped` and exits non-zero on any failure.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
process.chdir(root);
fs.rmSync('test-results/unit.tap', { force: true });
fs.rmSync('test-results/e2e.json', { force: true });
fs.mkdirSync('test-results', { recursive: true });

const run = (args) => spawnSync('npm', ['run', '-s', ...args], { stdio: 'inherit', env: process.env }).status ?? 1;

const banner = (s) => console.log(`\n== ${s}`);
banner('build');
if (run(['build']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
banner('unit tests');
const unitRc = run(['test:unit']);
banner('e2e tests');
const e2eRc = run(['test:e2e']);

const tap = fs.existsSync('test-results/unit.tap') ? fs.readFileSync('test-results/unit.tap', 'utf8') : '';
const count = (re) => Number((tap.match(re) || [0, 0])[1]);
const up = count(/^# pass (\d+)/m);
const uf = count(/^# fail (\d+)/m) + count(/^# cancelled (\d+)/m);
const us = count(/^# skipped (\d+)/m);
let e = {};
try {
  e = JSON.parse(fs.readFileSync('test-results/e2e.json', 'utf8')).stats || {};
} catch {
  e = {};
}
const ep = (e.expected || 0) + (e.flaky || 0);
const ef = (e.unexpected || 0) + (e2eRc !== 0 && !e.unexpected ? 1 : 0);
const es = e.skipped || 0;
console.log(`\nunit: ${up} passed, ${uf} failed, ${us} skipped; e2e: ${ep} passed, ${ef} failed, ${es} skipped`);
let failed = uf + ef + (unitRc !== 0 && uf === 0 ? 1 : 0);
if (up === 0) {
  console.error('no unit tests ran');
  failed += 1;
}
console.log(`${up + ep} passed, ${failed} failed, ${us + es} skipped`);
process.exit(failed > 0 || unitRc !== 0 || e2eRc !== 0 ? 1 : 0);
