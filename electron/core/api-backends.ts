/**
 * The real backends behind the api: the read model with incremental evidence and link drift,
 * and the backup store. Tests override either through `ApiDeps.backends`.
 */
import type { Backends, BackendContext, ScannerPort } from './api';
import type { EvidenceWorld } from './evidence-world';
import { createEvidenceWorld } from './evidence-world';
import { createScanner } from './status';
import type { Scanner } from './status';
import { evidenceStep } from './status-evidence';
import { openStore, resolveStoreDir } from './store/index';

/** The real read model (with Codex evidence and link drift) and the backup store; tests may override either. */
export const DEFAULT_BACKENDS: Backends = {
  createScanner: (c) => evidenceScanner(c),
  openStore: (c) =>
    openStore({
      fs: c.fs,
      clock: c.clock,
      codexHome: c.codexHome,
      storeDir: c.storeDir ?? resolveStoreDir(c.codexHome, c.env),
      random: c.random,
      probe: c.probe,
      appVersion: c.appVersion,
      inventory: async () => (await c.inventory()).connectors.map(({ identity, id, name, linkIds }) => ({ identity, id, name, linkIds })),
    }),
};

/**
 * The scanner with incremental evidence and link drift in the store's state folder, built on
 * first use; without a usable store it still scans evidence, just without cursors or drift.
 */
function evidenceScanner(c: BackendContext): ScannerPort {
  let world: Promise<EvidenceWorld | null> | null = null;
  let resolved: EvidenceWorld | null = null;
  let plain: Scanner | null = null;
  const getWorld = () =>
    (world ??= c.stateDir().then((stateDir) => (resolved = stateDir ? createEvidenceWorld({ fs: c.fs, clock: c.clock, env: c.env, codexHome: c.codexHome, stateDir }) : null)));
  return {
    async scan() {
      const w = await getWorld();
      if (w) return w.scan();
      plain ??= createScanner({ fs: c.fs, clock: c.clock, codexHome: c.codexHome, env: c.env, evidence: evidenceStep({ fs: c.fs, clock: c.clock, codexHome: c.codexHome, env: c.env }) });
      return plain.scan();
    },
    async linkChanges() {
      const w = await getWorld();
      return w ? w.drift.listLinkChanges() : [];
    },
    lastFailures: () => resolved?.lastFailures() ?? [],
    codexVersion: () => resolved?.codexVersion() ?? plain?.lastCodexVersion()?.version ?? null,
    async close() {
      await resolved?.close();
      await plain?.close();
    },
  };
}
