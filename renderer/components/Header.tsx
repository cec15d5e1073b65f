/** The popup header: overall state in words, last scan time, refresh. */
import type { ReactElement } from 'react';
import type { Tone } from '../lib/model';
import { formatFull, formatTime } from '../lib/time';
import { Icon } from './Icon';

/** Props of the header. */
export interface HeaderProps {
  tone: Tone | 'error' | 'loading';
  text: string;
  scannedAt: string | null;
  refreshing: boolean;
  onRefresh: () => void;
}

/** A live region, so screen readers hear the state change after a refresh. */
export function Header({ tone, text, scannedAt, refreshing, onRefresh }: HeaderProps): ReactElement {
  return (
    <header className="header">
      <div className="header-top">
        <h1 className="header-title">Relink</h1>
        {scannedAt && (
          <span className="scanned" title={`Scanned ${formatFull(scannedAt)}`} data-testid="scanned-at">
            Scanned {formatTime(scannedAt, scannedAt)}
          </span>
        )}
        <button
          type="button"
          className={refreshing ? 'icon-button icon-button--spin' : 'icon-button'}
          onClick={onRefresh}
          aria-label="Refresh"
          title="Refresh (scan the caches again)"
          aria-busy={refreshing ? 'true' : undefined}
        >
          <Icon name="refresh" />
        </button>
      </div>
      <p className={`summary summary--${tone}`} role="status" aria-live="polite" data-testid="summary">
        <span className="dot" aria-hidden="true" />
        {text}
      </p>
    </header>
  );
}
