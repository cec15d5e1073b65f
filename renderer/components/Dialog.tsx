/** A modal `<dialog>`: focus stays inside, Esc closes (unless busy), focus returns on close. */
import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';

/** Props of the dialog. */
export interface DialogProps {
  title: string;
  busy?: boolean;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/** Opens itself modally on mount; Chromium's top layer makes the rest of the popup inert. */
export function Dialog({ title, busy, onClose, children, testId }: DialogProps): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const busyRef = useRef(busy);
  busyRef.current = busy;
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-busy={busy ? 'true' : undefined}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault(); // Esc: we decide, so a running action is never hidden
        if (!busyRef.current) onClose();
      }}
    >
      <h2 className="dialog-title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
