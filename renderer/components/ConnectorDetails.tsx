/**
 * A connector's evidence in full: every reason, every link id, the last auth failure, link
 * changes on record; plus "Open in ChatGPT" and a redacted "Copy report" for a bug tracker.
 */
import { useState, type ReactElement } from 'react';
import type { LinkChange } from '../../shared/evidence';
import type { Connector } from '../../shared/schemas';
import { call, hasMethod } from '../hooks/api';
import { copyText } from '../hooks/clipboard';
import { linkChangeText } from '../lib/history';
import { cleanText } from '../lib/text';
import { formatFull, formatTime } from '../lib/time';
import { Icon } from './Icon';
import { LinkId } from './LinkId';

/** Props of the details panel. */
export interface ConnectorDetailsProps {
  id: string;
  connector: Connector;
  scannedAt: string;
  changes: readonly LinkChange[];
  onOpen: (url: string) => void;
  /** Starts the recovery ladder; absent when the backend has none or the row is read-only. */
  onRecover?: (c: Connector) => void;
}

/** The panel below an expanded row. */
export function ConnectorDetails({ id, connector: c, scannedAt, changes, onOpen, onRecover }: ConnectorDetailsProps): ReactElement {
  const [copied, setCopied] = useState<string | null>(null);
  const copyReport = async () => {
    const r = await call('getReport', { connectorId: c.id, identity: c.identity });
    if (!r.ok) return setCopied(`Could not build the report: ${cleanText(r.message, 120)}`);
    setCopied((await copyText(r.value.markdown)) ? 'Report copied (ids and e-mails redacted).' : 'Could not copy the report.');
  };
  return (
    <div className="details" id={id} data-testid="connector-details">
      {c.reasons.length > 0 && (
        <ul className="details-list" aria-label="Why this health">
          {c.reasons.slice(0, 8).map((r, i) => (
            <li key={i}>{cleanText(r, 240)}</li>
          ))}
        </ul>
      )}
      {c.linkIds.length > 1 && (
        <div className="details-links">
          {c.linkIds.slice(0, 10).map((l) => (
            <LinkId key={l} ids={[l]} />
          ))}
        </div>
      )}
      {c.lastAuthFailure && (
        <p className="muted" title={formatFull(c.lastAuthFailure.at)}>
          Last auth failure {formatTime(c.lastAuthFailure.at, scannedAt)} in{' '}
          <span title={cleanText(c.lastAuthFailure.source, 300)}>{cleanText(c.lastAuthFailure.source.split('/').pop(), 40)}</span>
        </p>
      )}
      {changes.length > 0 && (
        <ul className="details-list" aria-label="Link changes" data-testid="connector-link-changes">
          {changes.slice(0, 5).map((ch) => (
            <li key={ch.at + ch.to.join()}>
              Link changed <time dateTime={ch.at}>{formatTime(ch.at, scannedAt)}</time>: {linkChangeText(ch)}
            </li>
          ))}
        </ul>
      )}
      <div className="notice-actions">
        {onRecover && (c.health === 'needs-reauth' || c.health === 'unknown') && (
          <button type="button" className="button" onClick={() => onRecover(c)}>
            Try recovery steps…
          </button>
        )}
        {c.installUrl && (
          <button type="button" className="button" onClick={() => onOpen(c.installUrl!)}>
            Open in ChatGPT <Icon name="external" />
          </button>
        )}
        {hasMethod('getReport') && (
          <button type="button" className="button" onClick={() => void copyReport()}>
            Copy report
          </button>
        )}
      </div>
      {copied && (
        <p role="status" className="muted" data-testid="report-status">
          {copied}
        </p>
      )}
    </div>
  );
}
