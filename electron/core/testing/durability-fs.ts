/**
 * Test-only: an Fs that passes every call through to a real Fs and keeps a shadow model of
 * what a power loss right now could leave on disk (reliability.md §2 rule 6, §7 cases 3, 14,
 * 21). SIGKILL keeps the page cache, so only a model like this one sees a missing fsync.
 * Never imported by production code.
 *
 * The model, deliberately simple and conservative:
 *
 * M1 Start. Everything under `root` when the wrapper is made is durable (a synced machine).
 *    Nothing outside `root` is modelled: an fsync there is ignored, a change there is an error.
 * M2 Inodes. Each file, folder and symlink is a model inode (found by dev:ino at each call).
 *    A name is an entry `(folder inode, name) -> inode`.
 * M3 File data. A file's content is durable only once `sync()`/`datasync()` ran on a handle
 *    of it (the facade's `fsyncFile` does that) after its last write; after a write and
 *    before that sync its durable content is `unknown` (missing, short or torn). A new file
 *    that was never written is durably empty. Files present at the start are durable.
 * M4 Directory entries. Every create (open with O_CREAT of a new name, mkdir, link), rename,
 *    unlink, rmdir and rm is one op on one or two entries. An op is durable once every folder
 *    it touches has been `fsyncDir`-ed after it; a rename touches both of its folders and is
 *    atomic: a world has either its old name or its new one, never neither. Until then a
 *    power loss may or may not have applied the op, independently of every other pending op
 *    (no ordering between ops is assumed, not even between a mkdir and a rename into it).
 * M5 Worlds. A world is one choice of applied pending ops; its tree is the start tree with the
 *    durable ops and the chosen pending ones replayed in call order (a later op on an entry
 *    overwrites an earlier one). A path resolves through the entries of that world from
 *    `root`: a name inside a folder whose own entry was lost is lost too.
 * M6 Queries are exact, not sampled: `worlds(paths)` enumerates every choice of the pending
 *    ops that can change how any of `paths` resolves (it refuses more than MAX_PENDING).
 *
 * Not modelled: metadata (mode, mtime, owner: chmod and utimes are logged only), torn
 * directory ops (a rename half applied), data of handles not opened through this wrapper,
 * fs-specific strengthenings (ext4's ordered journal, a file fsync that commits its entry).
 * The base Fs must really sync (`createNodeFs()` without `noSync`): a no-op `fsyncDir` would
 * be modelled as a real one.
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { Fs } from '../fs-facade';

/** Refuse queries whose pending ops would need more than 2^MAX_PENDING worlds. */
export const MAX_PENDING = 18;
const KEEP_BYTES = 1024 * 1024;

/** Durable content of a file: known (hash, and the bytes when small) or unknown. */
export type DurableData = { hash: string; size: number; bytes: Buffer | null } | 'unknown';

/** One model inode. */
export interface Inode {
  id: number;
  type: 'file' | 'dir' | 'symlink' | 'other';
  data: DurableData;
  /** True when it was created during the run (not present at the start). */
  created: boolean;
}

/** One directory op: its effects on entries, and the folders still to fsync. */
export interface DirOp {
  seq: number;
  /** 1-based index of the Fs call that made it. */
  call: number;
  label: string;
  effects: { key: string; value: number | null }[];
  unsynced: Set<number>;
}

/** One possible post-power-loss state. */
export interface World {
  /** The inode `rel` (relative to root, '/'-separated) resolves to, or null. */
  resolve(rel: string): number | null;
  /** Which of the pending ops this world kept and which it lost. */
  describe(): string;
}

/** One logged Fs call. */
export interface LoggedCall {
  method: string;
  paths: string[];
}

const keyOf = (dir: number, name: string) => `${dir}:${name}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The shadow model (see the rules at the top of this file). */
export class DurabilityModel {
  readonly root: string;
  readonly rootId = 0;
  readonly inodes = new Map<number, Inode>();
  readonly calls: LoggedCall[] = [];
  readonly ops: DirOp[] = [];
  /** Problems of the model itself (an unmodelled call); a test should assert none. */
  readonly errors: string[] = [];
  /** Called after every call that changed the model, with the 1-based call index. */
  onChange: ((call: number) => void) | null = null;
  private readonly base = new Map<string, number>();
  private readonly current = new Map<string, number>();
  private readonly names = new Map<number, Set<string>>();
  private readonly opsByKey = new Map<string, DirOp[]>();
  private readonly byIno = new Map<string, number>();
  private nextId = 1;

  constructor(root: string) {
    this.root = path.resolve(root);
    const st = nodeFs.lstatSync(this.root, { bigint: true });
    this.inodes.set(0, { id: 0, type: 'dir', data: 'unknown', created: false });
    this.byIno.set(`${st.dev}:${st.ino}`, 0);
    this.scan(this.root, 0);
  }

  private scan(dir: string, dirId: number): void {
    for (const name of nodeFs.readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = nodeFs.lstatSync(p, { bigint: true });
      const id = this.newInode(st, false);
      const key = keyOf(dirId, name);
      this.base.set(key, id);
      this.current.set(key, id);
      this.nameSet(dirId).add(name);
      const node = this.inodes.get(id)!;
      if (node.type === 'file') node.data = known(nodeFs.readFileSync(p));
      else if (node.type === 'symlink') node.data = known(Buffer.from(nodeFs.readlinkSync(p)));
      else if (node.type === 'dir') this.scan(p, id);
    }
  }

  private nameSet(dir: number): Set<string> {
    let s = this.names.get(dir);
    if (!s) this.names.set(dir, (s = new Set()));
    return s;
  }

  private newInode(st: nodeFs.BigIntStats, created: boolean): number {
    const id = this.nextId++;
    const type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
    this.inodes.set(id, { id, type, data: type === 'file' ? known(Buffer.alloc(0)) : 'unknown', created });
    this.byIno.set(`${st.dev}:${st.ino}`, id);
    return id;
  }

  /** `p` relative to root ('/'-separated), or null when outside. */
  rel(p: string): string | null {
    const r = path.relative(this.root, path.resolve(p));
    if (r === '') return '';
    if (r.startsWith('..') || path.isAbsolute(r)) return null;
    return r.split(path.sep).join('/');
  }

  /** The inode `rel` resolves to in the live (all ops applied) tree. */
  lookupNow(rel: string): number | null {
    let d = this.rootId;
    for (const c of rel === '' ? [] : rel.split('/')) {
      const v = this.current.get(keyOf(d, c));
      if (v === undefined) return null;
      d = v;
    }
    return d;
  }

  /** The model inode of the live file at absolute `p` (by dev:ino), or null. */
  idOfLive(p: string): number | null {
    try {
      const st = nodeFs.lstatSync(p, { bigint: true });
      return this.byIno.get(`${st.dev}:${st.ino}`) ?? null;
    } catch {
      return null;
    }
  }

  /** The entry key of absolute `p` (its parent must be a live modelled folder). */
  private entry(p: string): { key: string; dir: number } | null {
    const r = this.rel(p);
    if (r === null || r === '') return null;
    const dir = this.lookupNow(path.posix.dirname(r) === '.' ? '' : path.posix.dirname(r));
    if (dir === null) return null;
    return { key: keyOf(dir, path.posix.basename(r)), dir };
  }

  /** Logs a call; returns its 1-based index. */
  logCall(method: string, paths: string[]): number {
    this.calls.push({ method, paths });
    return this.calls.length;
  }

  error(msg: string): void {
    this.errors.push(msg);
  }

  changed(call: number): void {
    this.onChange?.(call);
  }

  private addOp(call: number, label: string, effects: { p: string; value: number | null }[]): void {
    const op: DirOp = { seq: this.ops.length, call, label, effects: [], unsynced: new Set() };
    for (const e of effects) {
      const en = this.entry(e.p);
      if (!en) {
        this.error(`call ${call} ${label}: ${e.p} is outside the model`);
        continue;
      }
      op.effects.push({ key: en.key, value: e.value });
      op.unsynced.add(en.dir);
    }
    for (const e of op.effects) {
      if (e.value === null) this.current.delete(e.key);
      else this.current.set(e.key, e.value);
      const [dir, ...rest] = e.key.split(':');
      this.nameSet(Number(dir)).add(rest.join(':'));
      let list = this.opsByKey.get(e.key);
      if (!list) this.opsByKey.set(e.key, (list = []));
      list.push(op);
    }
    this.ops.push(op);
  }

  /** A new file, folder or symlink appeared at absolute `p` (call made it). */
  created(call: number, p: string, st: nodeFs.BigIntStats): number {
    const id = this.newInode(st, true);
    this.addOp(call, `create ${this.rel(p)}`, [{ p, value: id }]);
    return id;
  }

  renamed(call: number, from: string, to: string, id: number): void {
    this.addOp(call, `rename ${this.rel(from)} -> ${this.rel(to)}`, [
      { p: from, value: null },
      { p: to, value: id },
    ]);
  }

  linked(call: number, to: string, id: number): void {
    this.addOp(call, `link ${this.rel(to)}`, [{ p: to, value: id }]);
  }

  removed(call: number, method: string, p: string): void {
    this.addOp(call, `${method} ${this.rel(p)}`, [{ p, value: null }]);
  }

  /** fsync of the folder at absolute `p`: every earlier op's entry there is durable. */
  dirSynced(p: string): void {
    const r = this.rel(p);
    const id = r === null ? null : this.lookupNow(r);
    if (id === null) return;
    for (const op of this.ops) op.unsynced.delete(id);
  }

  /** A write through a handle of inode `id`: its durable content is unknown until a sync. */
  written(id: number): void {
    const n = this.inodes.get(id);
    if (n) n.data = 'unknown';
  }

  /** A sync of a handle of inode `id`, whose live name is `p`: its content is durable. */
  dataSynced(id: number, p: string): void {
    const n = this.inodes.get(id);
    if (!n) return;
    if (this.idOfLive(p) !== id) {
      this.error(`sync of ${p}: the name no longer holds the handle's file`);
      return;
    }
    n.data = known(nodeFs.readFileSync(p));
  }

  private synced(op: DirOp): boolean {
    return op.unsynced.size === 0;
  }

  /** The value after the last durable op on `key`, and the pending ops after it. */
  private tail(key: string): { start: number | null; pending: DirOp[] } {
    const list = this.opsByKey.get(key) ?? [];
    let start: number | null = this.base.get(key) ?? null;
    let from = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      if (this.synced(list[i]!)) {
        start = effectOn(list[i]!, key);
        from = i + 1;
        break;
      }
    }
    return { start, pending: list.slice(from) };
  }

  /** Every inode (or null) `key` may bind after a power loss now. */
  mayValues(key: string): Set<number | null> {
    const { start, pending } = this.tail(key);
    const out = new Set<number | null>([start]);
    for (const op of pending) out.add(effectOn(op, key));
    return out;
  }

  /** Every path (relative to root) that may exist after a power loss now, with what it may hold. */
  mayTree(): Map<string, Set<number>> {
    const out = new Map<string, Set<number>>();
    const walk = (dir: number, prefix: string, depth: number) => {
      if (depth > 40) return;
      for (const name of this.names.get(dir) ?? []) {
        const p = prefix === '' ? name : `${prefix}/${name}`;
        for (const v of this.mayValues(keyOf(dir, name))) {
          if (v === null) continue;
          let s = out.get(p);
          if (!s) out.set(p, (s = new Set()));
          if (s.has(v)) continue;
          s.add(v);
          if (this.inodes.get(v)?.type === 'dir') walk(v, p, depth + 1);
        }
      }
    };
    walk(this.rootId, '', 0);
    return out;
  }

  /** The pending ops that can change how any of `rels` resolves after a power loss now. */
  relevant(rels: string[]): DirOp[] {
    const ops = new Set<DirOp>();
    for (const rel of rels) {
      let dirs = new Set<number>([this.rootId]);
      for (const c of rel === '' ? [] : rel.split('/')) {
        const next = new Set<number>();
        for (const d of dirs) {
          if (this.inodes.get(d)?.type !== 'dir') continue;
          const key = keyOf(d, c);
          for (const op of this.tail(key).pending) ops.add(op);
          for (const v of this.mayValues(key)) if (v !== null) next.add(v);
        }
        dirs = next;
        if (dirs.size === 0) break;
      }
    }
    return [...ops].sort((a, b) => a.seq - b.seq);
  }

  /** Every world that differs in how `rels` resolve (M6). */
  *worlds(rels: string[]): Generator<World> {
    const pending = this.relevant(rels);
    if (pending.length > MAX_PENDING) {
      throw new Error(`durability model: ${pending.length} pending ops affect ${rels.join(', ')} (more than ${MAX_PENDING}): ${pending.map((o) => o.label).join('; ')}`);
    }
    const total = 2 ** pending.length;
    for (let mask = 0; mask < total; mask++) {
      const applied = new Set(pending.filter((_, i) => (mask >> i) & 1));
      const binding = (key: string): number | null => {
        const { start, pending: after } = this.tail(key);
        let v = start;
        for (const op of after) if (applied.has(op)) v = effectOn(op, key);
        return v;
      };
      yield {
        resolve: (rel) => {
          let d: number | null = this.rootId;
          for (const c of rel === '' ? [] : rel.split('/')) {
            if (this.inodes.get(d)?.type !== 'dir') return null;
            d = binding(keyOf(d, c));
            if (d === null) return null;
          }
          return d;
        },
        describe: () => {
          if (pending.length === 0) return 'with every op durable';
          const kept = pending.filter((o) => applied.has(o)).map((o) => `#${o.call} ${o.label}`);
          const lost = pending.filter((o) => !applied.has(o)).map((o) => `#${o.call} ${o.label}`);
          return `if the power loss keeps [${kept.join('; ')}] but loses [${lost.join('; ')}]`;
        },
      };
    }
  }

  /** Number of ops not yet durable. */
  pendingCount(): number {
    return this.ops.filter((o) => !this.synced(o)).length;
  }
}

function known(b: Buffer): DurableData {
  return { hash: sha(b), size: b.length, bytes: b.length <= KEEP_BYTES ? Buffer.from(b) : null };
}

function effectOn(op: DirOp, key: string): number | null {
  for (let i = op.effects.length - 1; i >= 0; i--) if (op.effects[i]!.key === key) return op.effects[i]!.value;
  throw new Error(`internal: op ${op.label} does not touch ${key}`);
}

function opensForCreate(flags: unknown): { create: boolean; trunc: boolean } {
  if (typeof flags === 'number') return { create: (flags & constants.O_CREAT) !== 0, trunc: (flags & constants.O_TRUNC) !== 0 };
  if (typeof flags === 'string') return { create: /[wa]/.test(flags), trunc: flags.includes('w') };
  return { create: false, trunc: false };
}

function lstatOrNull(p: string): nodeFs.BigIntStats | null {
  try {
    return nodeFs.lstatSync(p, { bigint: true });
  } catch {
    return null;
  }
}

const WRITES = new Set(['write', 'writev', 'writeFile', 'appendFile', 'truncate']);
const SYNCS = new Set(['sync', 'datasync']);

/**
 * Wraps `base` (which must really fsync) so every call goes through and updates the model of
 * `root` (see the rules at the top of this file).
 */
export function createDurabilityFs(root: string, base: Fs): { fs: Fs; model: DurabilityModel } {
  const model = new DurabilityModel(root);
  const inside = (p: string) => model.rel(p) !== null;

  const wrapHandle = (h: FileHandle, p: string, id: number | null): FileHandle => {
    let inode = id;
    const idOf = async () => {
      if (inode === null) {
        const st = await h.stat({ bigint: true });
        inode = model.idOfLive(p) ?? null;
        if (inode === null && inside(p)) model.error(`handle of ${p} (ino ${st.ino}) is not modelled`);
      }
      return inode;
    };
    return new Proxy(h, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        const name = String(prop);
        if (!WRITES.has(name) && !SYNCS.has(name)) return v.bind(target);
        return async (...args: unknown[]) => {
          const out = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const call = model.logCall(`handle.${name}`, [p]);
          if (inside(p)) {
            const i = await idOf();
            if (i !== null) {
              if (WRITES.has(name)) model.written(i);
              else model.dataSynced(i, p);
              model.changed(call);
            }
          }
          return out;
        };
      },
    });
  };

  const logOnly = <A extends unknown[], R>(method: string, fn: (...a: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } finally {
        model.logCall(method, args.filter((a): a is string => typeof a === 'string'));
      }
    };

  const removal = (method: 'unlink' | 'rmdir' | 'rm') =>
    async (p: string, opts?: { recursive?: boolean; force?: boolean }): Promise<void> => {
      const existed = lstatOrNull(p) !== null;
      try {
        if (method === 'rm') await base.rm(p, opts);
        else await base[method](p);
      } catch (err) {
        model.logCall(method, [p]);
        throw err;
      }
      const call = model.logCall(method, [p]);
      if (!existed) return;
      if (!inside(p)) model.error(`${method} outside the model: ${p}`);
      else {
        model.removed(call, method, p);
        model.changed(call);
      }
    };

  const fs: Fs = {
    open: (async (file: nodeFs.PathLike, flags?: string | number, mode?: nodeFs.Mode) => {
      const p = path.resolve(String(file));
      const { create, trunc } = opensForCreate(flags);
      const before = create || trunc ? lstatOrNull(p) : null;
      let h: FileHandle;
      try {
        h = await base.open(file, flags, mode);
      } catch (err) {
        model.logCall('open', [p]);
        throw err;
      }
      const call = model.logCall('open', [p]);
      if (!inside(p) || !(create || trunc)) return wrapHandle(h, p, null);
      const st = await h.stat({ bigint: true });
      let id: number | null = null;
      if (create && before === null) id = model.created(call, p, st);
      else if (trunc) {
        id = model.idOfLive(p);
        if (id !== null) model.written(id);
      }
      model.changed(call);
      return wrapHandle(h, p, id);
    }) as Fs['open'],
    readdir: logOnly('readdir', (p: string) => base.readdir(p)),
    lstat: logOnly('lstat', (p: string, o?: { bigint?: false }) => base.lstat(p, o)),
    lstatBig: logOnly('lstatBig', (p: string) => base.lstatBig(p)),
    stat: logOnly('stat', (p: string) => base.stat(p)),
    realpath: logOnly('realpath', (p: string) => base.realpath(p)),
    statfs: logOnly('statfs', (p: string) => base.statfs(p)),
    chmod: logOnly('chmod', (p: string, m: number) => base.chmod(p, m)),
    utimes: logOnly('utimes', (p: string, a: number | Date, m: number | Date) => base.utimes(p, a, m)),
    async mkdir(p, opts) {
      const missing: string[] = [];
      for (let d = path.resolve(p); lstatOrNull(d) === null; d = path.dirname(d)) {
        missing.unshift(d);
        if (!opts?.recursive || d === path.dirname(d)) break;
      }
      let out: string | undefined;
      try {
        out = await base.mkdir(p, opts);
      } catch (err) {
        model.logCall('mkdir', [p]);
        throw err;
      }
      const call = model.logCall('mkdir', [p]);
      let changed = false;
      for (const d of missing) {
        if (!inside(d)) continue;
        const st = lstatOrNull(d);
        if (!st) continue;
        model.created(call, d, st);
        changed = true;
      }
      if (changed) model.changed(call);
      return out;
    },
    async rename(from, to) {
      const id = model.idOfLive(from);
      try {
        await base.rename(from, to);
      } catch (err) {
        model.logCall('rename', [from, to]);
        throw err;
      }
      const call = model.logCall('rename', [from, to]);
      if (!inside(from) && !inside(to)) return;
      if (id === null || !inside(from) || !inside(to)) {
        model.error(`rename not modelled: ${from} -> ${to}`);
        return;
      }
      model.renamed(call, from, to, id);
      model.changed(call);
    },
    async link(existing, newPath) {
      const id = model.idOfLive(existing);
      try {
        await base.link(existing, newPath);
      } catch (err) {
        model.logCall('link', [existing, newPath]);
        throw err;
      }
      const call = model.logCall('link', [existing, newPath]);
      if (id === null || !inside(newPath)) {
        model.error(`link not modelled: ${existing} -> ${newPath}`);
        return;
      }
      model.linked(call, newPath, id);
      model.changed(call);
    },
    unlink: removal('unlink'),
    rmdir: removal('rmdir'),
    rm: removal('rm'),
    async fsyncDir(p) {
      try {
        await base.fsyncDir(p);
      } catch (err) {
        model.logCall('fsyncDir', [p]);
        throw err;
      }
      const call = model.logCall('fsyncDir', [p]);
      if (!inside(p)) return;
      model.dirSynced(p);
      model.changed(call);
    },
    // The base syncs through the (wrapped) handle, whose `sync` updates the model: a no-op
    // fsyncFile (noSync) therefore makes nothing durable.
    fsyncFile: logOnly('fsyncFile', (h: FileHandle) => base.fsyncFile(h)),
  };
  return { fs, model };
}
