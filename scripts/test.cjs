#!/usr/bin/env node
// `npm test`: builds, runs every unit test (node:test via tsx) and every e2e test (Playwright),
// then prints one combined line `N passed, N failed, N skipped` and exits non-zero on any failure.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
process.chdir(root);
fs.rmSync('test-results/e2e.json', { force: true });
fs.mkdirSync('test-results', { recursive: true });

const run = (args) => spawnSync('npm', ['run', '-s', ...args], { stdio: 'inherit', env: process.env }).status ?? 1;

/** Runs an npm script, streaming its output, and resolves to its exit code and its output. */
function runTee(args) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', ...args], { stdio: ['inherit', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out = (out + chunk.toString('utf8')).slice(-64 * 1024);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function main() {
  const banner = (s) => console.log(`\n== ${s}`);
  banner('build');
  if (run(['build']) !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  banner('unit tests');
  const unit = await runTee(['test:unit']);
  const unitRc = unit.code;
  banner('e2e tests');
  const e2eRc = run(['test:e2e']);

  // The spec reporter's closing lines (ℹ pass N …) of this very run.
  const count = (word) => Number((unit.out.match(new RegExp(`^\u2139 ${word} (\\d+)$`, 'm')) || [0, 0])[1]);
  const up = count('pass');
  const uf = count('fail') + count('cancelled');
  const us = count('skipped') + count('todo');
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
}

void main();
