/** A calm full-panel message with a way forward. */
import type { ReactElement, ReactNode } from 'react';

/** Title, one or two sentences, and optional actions. */
export function EmptyState(props: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }): ReactElement {
  return (
    <section className="empty" role="status" data-testid={props.testId ?? 'empty-state'}>
      <h2 className="empty-title">{props.title}</h2>
      <div className="empty-text">{props.children}</div>
      {props.actions && <div className="empty-actions">{props.actions}</div>}
    </section>
  );
}
