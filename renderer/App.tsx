/** The popup: header, tabs, the connectors or history view, and one dialog at a time. */
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { Connector, ResetResult, Snapshot } from '../shared/schemas';
import { call, hasMethod } from './hooks/api';
import { useLinkChanges } from './hooks/useLinkChanges';
import { useSnapshots } from './hooks/useSnapshots';
import { useStatus } from './hooks/useStatus';
import { accountTitle, summarize } from './lib/model';
import { cleanText } from './lib/text';
import { ConnectorsView } from './components/ConnectorsView';
import { EmptyState } from './components/EmptyState';
import { Header, type HeaderProps } from './components/Header';
import { HistoryView } from './components/HistoryView';
import { LadderDialog } from './components/LadderDialog';
import type { WatchedReset } from './components/LinkWatch';
import { ResetAllDialog } from './components/ResetAllDialog';
import { ResetDialog } from './components/ResetDialog';
import { RestoreDialog } from './components/RestoreDialog';
import { Tabs, type View } from './components/Tabs';

type Open =
  | { kind: 'reset'; connector: Connector }
  | { kind: 'ladder'; connector: Connector }
  | { kind: 'restore'; snapshot: Snapshot }
  | { kind: 'reset-all' }
  | null;

/** The root component; `data-app-state` is the e2e readiness marker. */
export function App(): ReactElement {
  const status = useStatus();
  const snaps = useSnapshots(status.version);
  const linkChanges = useLinkChanges(status.version);
  const [view, setView] = useState<View>('connectors');
  const [open, setOpen] = useState<Open>(null);
  const [watch, setWatch] = useState<WatchedReset | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const { report, failure } = status;

  const afterAction = useCallback(() => void status.refresh(), [status.refresh]);
  // Closing a dialog rescans: a failed or cancelled action may still meet a changed cache.
  const closeDialog = useCallback(() => {
    setOpen(null);
    afterAction();
  }, [afterAction]);
  const onReset = useCallback((r: ResetResult, c: Connector) => {
    const held = r.snapshot.connectors.find((x) => x.id === c.id && x.identity === c.identity);
    setWatch({ identity: c.identity, connectorId: c.id, name: c.name, installUrl: c.installUrl, oldLinks: held?.linkIds ?? c.linkIds, wasStale: c.health === 'needs-reauth' });
    afterAction();
  }, [afterAction]);
  const openExternal = useCallback(async (url: string) => {
    const r = await call('openExternal', { url });
    setToast(r.ok ? (r.value.opened ? null : 'Relink only opens chatgpt.com pages.') : `Could not open the page: ${cleanText(r.message, 120)}`);
  }, []);

  useEffect(() => {
    // Esc steps back: history → connectors → hide the popup (main hides the window).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || open || e.defaultPrevented) return;
      if (view === 'history') setView('connectors');
      else void call('hidePopup');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, view]);

  const header: HeaderProps = { tone: 'loading', text: 'Reading Codex caches…', scannedAt: report?.scannedAt ?? null, refreshing: status.refreshing, onRefresh: afterAction };
  if (report) Object.assign(header, summarize(report));
  else if (failure) Object.assign(header, { tone: 'error', text: failure.code === 'codex-home-missing' ? 'Codex folder not found' : 'Cannot read the caches' });

  return (
    <div className="app" data-app-state={status.phase} aria-busy={status.refreshing ? 'true' : undefined}>
      <Header {...header} />
      {report && <Tabs view={view} onChange={setView} historyCount={snaps.list?.length ?? null} />}
      {toast && (
        <p className="notice notice--problem notice-text" role="alert" onClick={() => setToast(null)}>
          {toast}
        </p>
      )}
      {failure && report && (
        <p className="notice notice--problem notice-text" role="alert" data-testid="refresh-failed">
          Refresh failed: {cleanText(failure.message, 160)} Showing the last scan.
        </p>
      )}
      <main className="content">
        {!report && failure && <StatusFailure code={failure.code} message={failure.message} onRetry={afterAction} />}
        {report && view === 'connectors' && (
          <div role="tabpanel" id="panel-connectors" aria-labelledby="tab-connectors">
            <ConnectorsView report={report} watch={watch} linkChanges={linkChanges ?? []} onReset={(c) => setOpen({ kind: 'reset', connector: c })} onOpen={(u) => void openExternal(u)} onDismissWatch={() => setWatch(null)} onRefresh={afterAction} onRecover={hasMethod('reconnect') ? (c) => setOpen({ kind: 'ladder', connector: c }) : undefined} onResetAll={hasMethod('resetAll') ? () => setOpen({ kind: 'reset-all' }) : undefined} resetAllOpen={open?.kind === 'reset-all'} />
          </div>
        )}
        {report && view === 'history' && (
          <div role="tabpanel" id="panel-history" aria-labelledby="tab-history">
            <HistoryView list={snaps.list} failure={snaps.failure} diffs={snaps.diffs} reference={report.scannedAt} onRestore={(s) => setOpen({ kind: 'restore', snapshot: s })} onLabel={snaps.replace} onRetry={() => void snaps.reload()} linkChanges={linkChanges} />
          </div>
        )}
      </main>
      {open?.kind === 'reset' && (
        <ResetDialog
          connector={open.connector}
          account={accountTitle({ identity: open.connector.identity, email: open.connector.accountEmail }).email.replace('Unknown account', 'this account')}
          onClose={closeDialog}
          onReset={(r) => onReset(r, open.connector)}
          onUndone={() => { setWatch(null); afterAction(); }}
        />
      )}
      {open?.kind === 'reset-all' && <ResetAllDialog onClose={closeDialog} onChanged={afterAction} />}
      {open?.kind === 'ladder' && <LadderDialog connector={open.connector} onClose={closeDialog} onDone={afterAction} />}
      {open?.kind === 'restore' && <RestoreDialog snapshot={open.snapshot} reference={report?.scannedAt} onClose={closeDialog} onChanged={afterAction} />}
    </div>
  );
}

function StatusFailure({ code, message, onRetry }: { code: string; message: string; onRetry: () => void }): ReactElement {
  const retry = <button type="button" className="button button--primary" onClick={onRetry}>Try again</button>;
  if (code === 'codex-home-missing') {
    return (
      <EmptyState title="Codex folder not found" testId="no-codex-home" actions={retry}>
        <p>{cleanText(message, 200)}.</p>
        <p className="muted">Install Codex and sign in once, or set CODEX_HOME to the folder Codex uses.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Relink could not read the caches" testId="status-error" actions={retry}>
      <p>{cleanText(message, 200)}</p>
      <p className="muted">Nothing was changed. Try again; if it keeps failing, run `relink status` in a terminal.</p>
    </EmptyState>
  );
}
