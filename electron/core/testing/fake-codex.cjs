#!/usr/bin/env node
// Test-only fake `codex` executable: speaks just enough of `codex app-server`'s stdio JSON-RPC
// (codex-caches.md §12.3) for the app-server client and the recovery ladder.
//
// Env: FAKE_CODEX_MODE = ok (default) | silent (never answers, ignores SIGTERM) | crash (exits 3
// on the first message) | list-error (app/list answers -32603) | garbage (noise and a server
// request first). FAKE_CODEX_REGEN_FROM / FAKE_CODEX_REGEN_TO: on app/list with forceRefetch,
// copy FROM over TO (a successful refetch rewriting the tools cache). FAKE_CODEX_LOG: append
// every received message. FAKE_CODEX_PIDFILE: write this process's pid.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const mode = process.env.FAKE_CODEX_MODE || 'ok';
const home = process.env.CODEX_HOME || '';
if (process.env.FAKE_CODEX_PIDFILE) fs.writeFileSync(process.env.FAKE_CODEX_PIDFILE, String(process.pid));
if (process.argv[2] !== 'app-server') {
  process.stdout.write('codex-cli 0.0.0-fake\n');
  process.exit(0);
}
if (mode === 'silent') {
  process.on('SIGTERM', () => undefined);
  setInterval(() => undefined, 1000);
}

const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');

/** Apps from the tools cache: accessible when a connector has a non-synthetic tool (§5). */
function apps() {
  const dir = path.join(home, 'cache', 'codex_apps_tools');
  const seen = new Map();
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    for (const t of doc.tools || []) {
      const id = t.connector_id;
      if (!id) continue;
      const synthetic = Boolean(t.tool && t.tool._meta && t.tool._meta._codex_apps && t.tool._meta._codex_apps.synthetic_link);
      const prev = seen.get(id);
      seen.set(id, { id, name: t.connector_name || id, isAccessible: (prev && prev.isAccessible) || !synthetic, installUrl: `https://chatgpt.com/apps/x/${id}` });
    }
  }
  return [...seen.values()];
}

function onMessage(msg) {
  if (process.env.FAKE_CODEX_LOG) fs.appendFileSync(process.env.FAKE_CODEX_LOG, JSON.stringify(msg) + '\n');
  if (mode === 'silent') return;
  if (mode === 'crash') {
    process.stderr.write('fake codex: boom\n');
    process.exit(3);
  }
  if (msg.id === 1 && msg.method === 'initialize') {
    if (mode === 'garbage') {
      process.stdout.write('not json at all\n{"half":\n');
      send({ id: 99, method: 'mcpServer/elicitation/request', params: { mode: 'url' } });
    }
    send({ id: 1, result: { userAgent: 'fake/0.0.0', codexHome: home, platformFamily: 'unix', platformOs: 'linux' } });
  } else if (msg.method === 'app/list') {
    if (mode === 'list-error') {
      send({ method: 'app/list/updated', params: { data: apps() } });
      send({ id: msg.id, error: { code: -32603, message: 'failed to list apps: Failed to send request' } });
      return;
    }
    const { FAKE_CODEX_REGEN_FROM: from, FAKE_CODEX_REGEN_TO: to } = process.env;
    if (msg.params && msg.params.forceRefetch && from && to) fs.copyFileSync(from, to);
    send({ method: 'app/list/updated', params: { data: apps() } });
    send({ id: msg.id, result: { data: apps(), nextCursor: null } });
  }
}

let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    try {
      onMessage(JSON.parse(line));
    } catch (e) {
      if (e && e.code === 'ERR_FAKE') throw e;
    }
  }
});
process.stdin.on('end', () => {
  if (mode !== 'silent') process.exit(0);
});
