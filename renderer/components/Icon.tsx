/** Small inline SVG icons (no icon font, no remote images). */
import type { ReactElement } from 'react';

const PATHS = {
  refresh: 'M13.6 8a5.6 5.6 0 1 1-1.64-3.96M13.6 2.4v3.2h-3.2',
  copy: 'M5.5 5.5V3.2c0-.66.54-1.2 1.2-1.2h6.1c.66 0 1.2.54 1.2 1.2v6.1c0 .66-.54 1.2-1.2 1.2h-2.3M3.2 5.5h6.1c.66 0 1.2.54 1.2 1.2v6.1c0 .66-.54 1.2-1.2 1.2H3.2c-.66 0-1.2-.54-1.2-1.2V6.7c0-.66.54-1.2 1.2-1.2z',
  check: 'M3 8.5l3.2 3.2L13 4.8',
  warn: 'M8 2.2l6.3 11H1.7zM8 6.5v3M8 11.6v.1',
  external: 'M9.5 2.5h4v4M13.5 2.5L7.5 8.5M12 9.5v3.3c0 .4-.3.7-.7.7H3.2c-.4 0-.7-.3-.7-.7V4.7c0-.4.3-.7.7-.7h3.3',
  edit: 'M10.6 2.6l2.8 2.8-7.6 7.6H3v-2.8z',
  back: 'M10 3L5 8l5 5',
  chevron: 'M4.5 6.5L8 10l3.5-3.5',
} as const;

/** An icon name. */
export type IconName = keyof typeof PATHS;

/** A 16-px stroke icon, hidden from assistive tech (the button carries the label). */
export function Icon({ name }: { name: IconName }): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
