/**
 * Link drift: every link id set Relink has seen per (identity, connector), and when.
 *
 * An append-only JSONL log in `<stateDir>/links.jsonl`: one record each time a connector's
 * cached link ids differ from the last record for it. "link changed at T: old → new" is the bit
 * that tells a user whether a reset worked (new link) or the server handed back the same dead
 * link (openai/codex#19669, codex-caches.md §10).
 */
import * as path from 'node:path';
import { constants } from 'node:fs';
import { z } from 'zod';
import type { LinkChange } from '../../shared/evidence';
import type { StatusReport } from '../../shared/schemas';
import type { Clock } from './deps';
import type { Fs } from './fs-facade';
import { errnoOf } from './fs-facade';
import { openRegular } from './evidence/file-read';
import { shortId } from './evidence/patterns';

/** One observation: the link ids a connector had at a time. */
export const LinkObservation = z.strictObject({
  at: z.string(),
  identity: z.string(),
  connectorId: z.string(),
  name: z.string(),
  linkIds: z.array(z.string()),
});
/** One record of `links.jsonl`. */
export type LinkObservation = z.infer<typeof LinkObservation>;

/** What the drift log needs. */
export interface LinkDriftDeps {
  fs: Fs;
  clock: Clock;
  stateDir: string;
}

/** The drift log. */
export interface LinkDrift {
  /** Records the rows of a scan whose link ids changed; returns the changes it recorded. */
  recordObservation(status: StatusReport): Promise<LinkChange[]>;
  /** Every change on record, oldest first (optionally for one connector). */
  listLinkChanges(filter?: { connectorId?: string }): Promise<LinkChange[]>;
}

const FILE = 'links.jsonl';
const APPEND = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
const MAX_LOG_BYTES = 16 * 1024 * 1024;
const MAX_LINE = 64 * 1024;

const keyOf = (o: { identity: string; connectorId: string }) => `${o.identity}\n${o.connectorId}`;
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** "link changed at T: old → new", ids shortened. */
export function describeChange(c: LinkChange): string {
  const list = (ids: string[]) => (ids.length === 0 ? 'none' : ids.map(shortId).join(', '));
  return `${c.name}: link changed at ${c.at}: ${list(c.from)} → ${list(c.to)}`;
}

/** Opens the drift log in `deps.stateDir`. */
export function createLinkDrift(deps: LinkDriftDeps): LinkDrift {
  const file = path.join(deps.stateDir, FILE);

  const readAll = async (): Promise<LinkObservation[]> => {
    let opened;
    try {
      opened = await openRegular(deps.fs, file);
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return [];
      throw err;
    }
    try {
      // Keep only the newest part of an oversized log: it is for humans, not an audit trail.
      const start = Math.max(0, opened.stamp.size - MAX_LOG_BYTES);
      const buf = Buffer.alloc(opened.stamp.size - start);
      await opened.handle.read(buf, 0, buf.length, start);
      return parseLines(buf.toString('utf8'));
    } finally {
      await opened.handle.close();
    }
  };

  return {
    async recordObservation(status) {
      const last = latestByKey(await readAll());
      const at = deps.clock.now().toISOString();
      const fresh: LinkObservation[] = [];
      const changes: LinkChange[] = [];
      for (const c of status.connectors) {
        const obs = { at, identity: c.identity, connectorId: c.id, name: c.name, linkIds: [...c.linkIds].sort() };
        const prev = last.get(keyOf(obs));
        if (prev && same(prev.linkIds, obs.linkIds)) continue;
        fresh.push(obs);
        if (prev) changes.push({ at, identity: obs.identity, connectorId: obs.connectorId, name: obs.name, from: prev.linkIds, to: obs.linkIds });
      }
      if (fresh.length > 0) await append(deps.fs, deps.stateDir, file, fresh);
      return changes;
    },
    async listLinkChanges(filter = {}) {
      const out: LinkChange[] = [];
      const last = new Map<string, LinkObservation>();
      for (const o of await readAll()) {
        const prev = last.get(keyOf(o));
        last.set(keyOf(o), o);
        if (!prev || same(prev.linkIds, o.linkIds)) continue;
        if (filter.connectorId && o.connectorId !== filter.connectorId) continue;
        out.push({ at: o.at, identity: o.identity, connectorId: o.connectorId, name: o.name, from: prev.linkIds, to: o.linkIds });
      }
      return out;
    },
  };
}

/** Parses the log, skipping damaged or foreign lines (a torn append, a hand edit). */
function parseLines(text: string): LinkObservation[] {
  const out: LinkObservation[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.length > MAX_LINE) continue;
    try {
      const r = LinkObservation.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      // not JSON: skip
    }
  }
  return out;
}

function latestByKey(all: LinkObservation[]): Map<string, LinkObservation> {
  const m = new Map<string, LinkObservation>();
  for (const o of all) m.set(keyOf(o), o);
  return m;
}

/** Appends records with one write (O_APPEND), creating the file 0600 and the folder 0700. */
async function append(fs: Fs, dir: string, file: string, recs: LinkObservation[]): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const h = await fs.open(file, APPEND, 0o600);
  try {
    // A torn previous append leaves a partial line: start ours on a fresh line.
    const st = await h.stat();
    const lead = st.size > 0 ? await endsWithoutNewline(h, st.size) : false;
    await h.write((lead ? '\n' : '') + recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await fs.fsyncFile(h);
  } finally {
    await h.close();
  }
}

async function endsWithoutNewline(h: import('node:fs/promises').FileHandle, size: number): Promise<boolean> {
  const b = Buffer.alloc(1);
  await h.read(b, 0, 1, size - 1);
  return b[0] !== 0x0a;
}
