/** The main list: connectors grouped by account, plus file problems and the link watch. */
import type { ReactElement } from 'react';
import type { LinkChange } from '../../shared/evidence';
import type { Connector, StatusReport } from '../../shared/schemas';
import { changesFor } from '../lib/history';
import { accountTitle, groupByAccount } from '../lib/model';
import { useRovingFocus } from '../hooks/useRovingFocus';
import { ConnectorRow } from './ConnectorRow';
import { EmptyState } from './EmptyState';
import { FileProblems } from './FileProblems';
import { LinkWatch, type WatchedReset } from './LinkWatch';

/** Props of the connectors view. */
export interface ConnectorsViewProps {
  report: StatusReport;
  watch: WatchedReset | null;
  linkChanges: readonly LinkChange[];
  onReset: (c: Connector) => void;
  onOpen: (url: string) => void;
  onRecover?: (c: Connector) => void;
  onDismissWatch: () => void;
  onRefresh: () => void;
  /** Opens the reset-all confirmation; the entry shows only when there are cache files. */
  onResetAll?: () => void;
  /** The reset-all dialog is open: keep its opener mounted (even with no files left) so focus returns to it. */
  resetAllOpen?: boolean;
}

/** Groups, rows and notices; an empty state when the caches hold nothing yet. */
export function ConnectorsView(p: ConnectorsViewProps): ReactElement {
  const groups = groupByAccount(p.report);
  const { ref, onKeyDown } = useRovingFocus<HTMLDivElement>(p.report);
  const refresh = (
    <button type="button" className="button" onClick={p.onRefresh}>
      Check again
    </button>
  );
  return (
    <div className="view" ref={ref} onKeyDown={onKeyDown}>
      {p.watch && <LinkWatch watch={p.watch} report={p.report} onOpen={p.onOpen} onDismiss={p.onDismissWatch} />}
      <FileProblems files={p.report.files} />
      {p.report.files.length === 0 && (
        <EmptyState title="No connector caches yet" testId="no-caches" actions={refresh}>
          <p>Codex writes them the first time it loads your ChatGPT apps. Start Codex and open a chat, then check again.</p>
        </EmptyState>
      )}
      {p.report.files.length > 0 && groups.length === 0 && (
        <EmptyState title="No connector tools cached" testId="no-connectors" actions={refresh}>
          {p.report.files.some((f) => f.kind === 'codex_apps_tools') ? (
            <p>The tool caches hold no ChatGPT app. Link an app in ChatGPT, then restart Codex.</p>
          ) : (
            <p>Codex rebuilds the tool cache when it starts and loads your ChatGPT apps. Start Codex or open a new chat, then check again.</p>
          )}
        </EmptyState>
      )}
      {groups.map((g) => {
        const t = accountTitle(g);
        const headId = `account-${g.identity}`;
        return (
          <section key={g.identity} className="group" aria-labelledby={headId} data-testid="account-group">
            <h2 className="group-title" id={headId}>
              <span className="group-email">{t.email}</span>
              <code className="group-id" title="Account cache identity">
                {t.short}
              </code>
              {g.readOnly && <span className="group-flag">read-only</span>}
            </h2>
            <ul className="rows" aria-labelledby={headId}>
              {g.connectors.map((c) => (
                <ConnectorRow
                  key={c.id}
                  connector={c}
                  scannedAt={p.report.scannedAt}
                  readOnly={g.readOnly}
                  changes={changesFor(p.linkChanges, c.identity, c.id)}
                  onReset={p.onReset}
                  onOpen={p.onOpen}
                  onRecover={p.onRecover}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {p.onResetAll && (p.report.files.length > 0 || p.resetAllOpen) && (
        <div className="view-foot">
          <button
            type="button"
            className="quiet-link"
            aria-haspopup="dialog"
            title="Back up and move aside every connector cache of every account"
            onClick={p.onResetAll}
            data-testid="reset-all"
          >
            Reset all caches…
          </button>
        </div>
      )}
    </div>
  );
}
