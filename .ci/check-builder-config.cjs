#!/usr/bin/env node
// Validates an electron-builder config against its JSON schema without building (≈ 1 s).
// Deep import of electron-builder internals (toolchain.md §8): re-check on upgrades.
// Usage: node .ci/check-builder-config.cjs [build/electron-builder.json]   exit 0 = valid
'use strict';
const path = require('node:path');
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

async function check(file) {
  const root = path.resolve(__dirname, '..');
  const config = await getConfig(root, path.resolve(root, file), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

module.exports = { check };

if (require.main === module) {
  const file = process.argv[2] || 'build/electron-builder.json';
  check(file).then(
    () => console.log(`${file}: valid electron-builder configuration`),
    (err) => {
      console.error(`${file}: ${String((err && err.message) || err).split('\n')[0]}`);
      process.exit(1);
    },
  );
}
