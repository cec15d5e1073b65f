import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CacheFile, Connector, StatusReport } from '../../shared/schemas';
import { accountTitle, groupByAccount, problemFiles, resetVerb, sortConnectors, summarize, fileProblemText } from './model';

const A = 'bdf093741cf66bf1834324022ce238d2c0d38a31';
const B = '41055d6b58a32c286fa868d17f941341a8144515';

function conn(p: Partial<Connector> & Pick<Connector, 'name' | 'health'>): Connector {
  return {
    identity: A, id: `connector_${p.name}`, linkIds: [], toolCount: 1, reasons: [], installUrl: null,
    accountEmail: null, lastAuthFailure: null, ...p,
  };
}

function file(p: Partial<CacheFile>): CacheFile {
  return {
    kind: 'codex_apps_tools', path: `cache/codex_apps_tools/${A}.json`, identity: A, state: 'ok', schemaVersion: 4,
    bytes: 10, modifiedAt: null, symlink: false, message: null, ...p,
  };
}

function report(connectors: Connector[], files: CacheFile[] = [file({})]): StatusReport {
  return { codexHome: '/h', scannedAt: '2026-05-27T19:00:00Z', files, connectors };
}

test('connectors needing action sort first; healthy and unlinked below, then by name', () => {
  const sorted = sortConnectors([
    conn({ name: 'Gmail', health: 'unlinked' }),
    conn({ name: 'Calendar', health: 'healthy' }),
    conn({ name: 'Linear', health: 'needs-reauth' }),
    conn({ name: 'Box', health: 'healthy' }),
  ]);
  assert.deepEqual(sorted.map((c) => c.name), ['Linear', 'Box', 'Calendar', 'Gmail']);
});

test('groups by account, takes the e-mail from any row, puts groups needing action first', () => {
  const groups = groupByAccount(
    report([
      conn({ name: 'Calendar', health: 'healthy', accountEmail: 'me@example.com' }),
      conn({ name: 'Notes', health: 'healthy' }),
      conn({ name: 'Linear', health: 'needs-reauth', identity: B }),
    ]),
  );
  assert.deepEqual(groups.map((g) => g.identity), [B, A]);
  assert.equal(groups[1]!.email, 'me@example.com');
  assert.equal(groups[0]!.email, null);
  assert.equal(groups[1]!.connectors.length, 2);
});

test('an account whose tools file has an unsupported schema is read-only', () => {
  const g = groupByAccount(report([conn({ name: 'Linear', health: 'unknown' })], [file({ state: 'unsupported-schema', schemaVersion: 3 })]));
  assert.equal(g[0]!.readOnly, true);
  const ok = groupByAccount(report([conn({ name: 'Linear', health: 'healthy' })]));
  assert.equal(ok[0]!.readOnly, false);
});

test('the header sentence counts connectors that need reconnecting', () => {
  assert.equal(summarize(report([conn({ name: 'L', health: 'needs-reauth' }), conn({ name: 'M', health: 'needs-reauth' })])).text, '2 connectors need reconnecting');
  assert.equal(summarize(report([conn({ name: 'L', health: 'needs-reauth' })])).text, '1 connector needs reconnecting');
  assert.deepEqual(summarize(report([conn({ name: 'L', health: 'healthy' }), conn({ name: 'G', health: 'unlinked' })])), { tone: 'ok', text: 'Your connector is healthy' });
  assert.equal(summarize(report([conn({ name: 'L', health: 'healthy' }), conn({ name: 'M', health: 'healthy' })])).text, 'All 2 linked connectors are healthy');
  assert.deepEqual(summarize(report([], [])), { tone: 'empty', text: 'No connector caches yet' });
  assert.deepEqual(summarize(report([], [file({ kind: 'codex_app_directory' })])), { tone: 'empty', text: 'No connector tools cached' });
  assert.deepEqual(summarize(report([conn({ name: 'L', health: 'unknown' })], [file({ state: 'corrupt' })])), {
    tone: 'problem', text: '1 connector in an unknown state',
  });
  assert.deepEqual(summarize(report([conn({ name: 'L', health: 'healthy' })], [file({}), file({ state: 'corrupt' }), file({ state: 'too-large' })])), {
    tone: 'problem', text: '2 cache files can’t be used',
  });
});

test('problem files are the non-ok ones, each with a sentence', () => {
  const files = [file({ path: 'cache/b.json', state: 'corrupt' }), file({}), file({ path: 'cache/a.json', state: 'unreadable' })];
  assert.deepEqual(problemFiles(files).map((f) => f.path), ['cache/a.json', 'cache/b.json']);
  assert.match(fileProblemText(file({ state: 'unsupported-schema', schemaVersion: 3 })), /schema 3.*read-only/);
  assert.match(fileProblemText(file({ state: 'corrupt' })), /Damaged JSON/);
});

test('the row action is Reconnect only when the connector needs reauth', () => {
  assert.equal(resetVerb(conn({ name: 'L', health: 'needs-reauth' })), 'Reconnect');
  assert.equal(resetVerb(conn({ name: 'L', health: 'healthy' })), 'Reset cache');
});

test('the account title is the e-mail plus the first 8 characters of the identity', () => {
  assert.deepEqual(accountTitle({ identity: A, email: 'me@example.com' }), { email: 'me@example.com', short: 'bdf09374' });
  assert.deepEqual(accountTitle({ identity: A, email: null }), { email: 'Unknown account', short: 'bdf09374' });
});
