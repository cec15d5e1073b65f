#!/usr/bin/env node
// `npm start` (after the build): runs the app in the real Electron, or explains in one
// sentence why it cannot. Never `require('electron')`: that triggers its lazy binary
// download, which fails offline (toolchain.md §2).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..');

/** Finds the Electron binary that `npm install` downloaded, without downloading anything. */
function findElectron(electronDir) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { ok: false, reason: `${path.relative(root, pathFile) || pathFile} is missing` };
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const binary = path.join(electronDir, 'dist', rel);
  if (rel === '' || !fs.existsSync(binary)) return { ok: false, reason: `${path.relative(root, binary) || binary} does not exist` };
  return { ok: true, binary };
}

/** The one sentence printed when the binary is missing. */
function missingMessage(reason) {
  return `Relink needs the Electron binary, which is not installed on this machine (${reason}); run \`npm install\` on a machine that can download it.`;
}

module.exports = { findElectron, missingMessage };

if (require.main === module) {
  const found = findElectron(path.join(root, 'node_modules', 'electron'));
  if (!found.ok) {
    console.error(missingMessage(found.reason));
    process.exit(1);
  }
  if (!fs.existsSync(path.join(root, 'dist', 'main', 'index.js'))) {
    console.error('Relink is not built yet; run `npm run build` first.');
    process.exit(1);
  }
  // Start the app folder (package.json "main" → dist/main/index.js) so name and version are Relink's.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const child = spawn(found.binary, [root], { stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
