/** The two views as ARIA tabs; Left/Right arrows switch (WAI-ARIA tabs pattern). */
import { useRef, type KeyboardEvent, type ReactElement } from 'react';

/** The popup's views. */
export type View = 'connectors' | 'history';

const TABS: { id: View; label: string }[] = [
  { id: 'connectors', label: 'Connectors' },
  { id: 'history', label: 'History' },
];

/** A tablist controlling the panel with id `panel-<view>`. */
export function Tabs({ view, onChange, historyCount }: { view: View; onChange: (v: View) => void; historyCount: number | null }): ReactElement {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = TABS.findIndex((t) => t.id === view);
    const j = e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length;
    const next = TABS[j]!.id;
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[t.id] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={view === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={view === t.id ? 0 : -1}
          className="tab"
          onClick={() => onChange(t.id)}
        >
          {t.label}
          {t.id === 'history' && historyCount !== null && historyCount > 0 && <span className="count">{historyCount}</span>}
        </button>
      ))}
    </div>
  );
}
