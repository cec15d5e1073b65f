/**
 * Link drift: every link id set Relink has seen per (identity, connector), and when.
 *
 * An append-only JSONL log in `<stateDir>/links.jsonl`: one record each time a connector's
 * cached link ids differ from the last record for it. "link changed at T: old → new" is the bit
 * that tells a user whether a reset worked (new link) or the server handed back the same dead
 * link (openai/codex#19669, codex-caches.md §10).
 */
import * as path from 'node:path';
import { z } from 'zod';
import type { LinkChange } from '../../shared/evidence';
import type { StatusReport } from '../../shared/schemas';
import type { Clock } from './deps';
import type { Fs } from './fs-facade';
import { appendJsonl, readJsonl } from './evidence/jsonl-log';
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

  const readAll = () => readJsonl(deps.fs, file, LinkObservation);

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
      await appendJsonl(deps.fs, deps.stateDir, FILE, fresh);
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

function latestByKey(all: LinkObservation[]): Map<string, LinkObservation> {
  const m = new Map<string, LinkObservation>();
  for (const o of all) m.set(keyOf(o), o);
  return m;
}
