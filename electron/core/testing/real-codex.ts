/**
 * Test-only: runs the real Codex CLI (`RELINK_TEST_CODEX_BIN`) against a temp CODEX_HOME and
 * returns which connectors Codex itself treats as accessible (toolchain.md §14).
 *
 * The home gets a fake ChatGPT login (an unsigned JWT in auth.json: test scaffolding for
 * Codex; Relink never opens it) and `chatgpt_base_url` on a closed loopback port, so Codex's
 * network attempts never leave the machine. Cache files are renamed to the names Codex derives
 * from that login.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The fake account the temp home is signed in as. */
export const FAKE_ACCOUNT = { accountId: 'acc-fixture-0001', userId: 'user-fixture-0001' };
const BASE_URL = 'http://127.0.0.1:9/backend-api/';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** The tools/server-info file name Codex reads for an account (codex-caches.md §2 A). */
export function runtimeName(accountId: string, userId: string): string {
  return sha1(JSON.stringify({ account_id: accountId, chatgpt_user_id: userId, is_workspace_account: false }));
}

/** The directory file name for an account with the loopback base URL (§2 B). */
export function directoryName(accountId: string, userId: string): string {
  return sha1(JSON.stringify({ chatgpt_base_url: BASE_URL, account_id: accountId, chatgpt_user_id: userId, is_workspace_account: false }));
}

/** Writes the fake login and the loopback config into `home`. */
export function signIn(home: string): void {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const { accountId, userId } = FAKE_ACCOUNT;
  const claims = { exp: 4102444800, 'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_user_id: userId, user_id: userId, chatgpt_plan_type: 'plus' } };
  const jwt = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.sig`;
  const auth = { OPENAI_API_KEY: null, tokens: { id_token: jwt, access_token: jwt, refresh_token: 'fake', account_id: accountId }, last_refresh: new Date().toISOString() };
  fs.writeFileSync(path.join(home, 'auth.json'), JSON.stringify(auth), { mode: 0o600 });
  fs.writeFileSync(path.join(home, 'config.toml'), `chatgpt_base_url = "${BASE_URL}"\n`);
}

/** Renames the single file of a cache folder to `name.json`, keeping its mtime. */
export function renameOnly(home: string, kind: string, name: string): void {
  const dir = path.join(home, 'cache', kind);
  if (!fs.existsSync(dir)) return;
  const [only] = fs.readdirSync(dir);
  if (only) fs.renameSync(path.join(dir, only), path.join(dir, `${name}.json`));
}

/**
 * Starts `codex app-server`, does the handshake, asks `app/list`, and returns
 * `{ connectorId: isAccessible }` from the first `app/list/updated` notification.
 */
export function accessibleByCodex(bin: string, home: string, timeoutMs = 30_000): Promise<Record<string, boolean>> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['app-server'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: home, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', RUST_LOG: 'error' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => finish(new Error('codex app-server sent no app/list/updated in time')), timeoutMs);
    let buf = '';
    let done = false;
    const finish = (err: Error | null, value?: Record<string, boolean>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (err) reject(err);
      else resolve(value!);
    };
    const send = (msg: unknown) => child.stdin.write(JSON.stringify(msg) + '\n');
    child.on('error', (e) => finish(e));
    child.on('exit', () => finish(new Error('codex app-server exited before app/list/updated')));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let msg: { id?: number; method?: string; params?: { data?: Array<{ id: string; isAccessible: boolean }> } };
        try {
          msg = JSON.parse(line);
        } catch {
          continue;
        }
        if (msg.id === 1) {
          send({ method: 'initialized' });
          send({ id: 2, method: 'app/list', params: { cursor: null, limit: 100, forceRefetch: false } });
        } else if (msg.method === 'app/list/updated' && msg.params?.data) {
          finish(null, Object.fromEntries(msg.params.data.map((a) => [a.id, a.isAccessible === true])));
        }
      }
    });
    send({ id: 1, method: 'initialize', params: { clientInfo: { name: 'relink-test', title: 'Relink test', version: '0.0.0' } } });
  });
}
