#!/usr/bin/env node
// Packages the app offline with a stub Electron (see stub-electron-dist.sh) into a `dir`
// target, exercising electron-builder's file globs, extraResources and asar (≈ 2 s).
// The stub has no fuse wire, so `electronFuses` is removed here; its values are unit-tested
// on the JSON instead. The output is not runnable; never ship it.
// Usage: node .ci/package-stub.cjs [stubDir=.cache/stub-electron] [outDir=.cache/stub-release]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

async function packageStub(stubDir, outDir) {
  const { build, Platform } = require('electron-builder');
  const root = path.resolve(__dirname, '..');
  const config = JSON.parse(fs.readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8'));
  delete config.$schema;
  delete config.electronFuses; // a stub binary has no fuse wire
  config.electronDist = path.resolve(root, stubDir);
  config.directories = { ...config.directories, output: path.resolve(root, outDir) };
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir'), config, publish: 'never' });
  return path.join(path.resolve(root, outDir), 'linux-unpacked');
}

module.exports = { packageStub };

if (require.main === module) {
  packageStub(process.argv[2] || '.cache/stub-electron', process.argv[3] || '.cache/stub-release').then(
    (dir) => console.log(`packaged (stub electron) into ${dir}`),
    (err) => {
      console.error(String((err && err.message) || err).split('\n')[0]);
      process.exit(1);
    },
  );
}
