/**
 * Binds every contract method to its IPC channel, behind one sender check.
 *
 * The only module besides the preload that touches `ipcMain` (style.md §2). Learned from
 * electron/fiddle `src/main/ipc.ts` (handle replaces any earlier handler) and VS Code's
 * `validatedIpcMain` (channel, sender origin and main frame checked on every message).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANGED_EVENT, RELINK_METHODS, channelOf } from '../../shared/ipc';
import type { Reply } from '../../shared/ipc';
import type { Dispatch } from '../core/dispatch';
import { isAppUrl } from './security';

/** Decides whether an IPC message comes from our popup. */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/** The refusal every untrusted message gets. */
export const UNTRUSTED: Reply<never> = { ok: false, code: 'untrusted-sender', message: 'Refused: this request did not come from the Relink window' };

/**
 * Trusted = the main frame of our popup's webContents, showing `app://relink/`.
 *
 * `senderFrame` is null when the frame navigated or was destroyed: refused (Electron security
 * checklist item 17).
 */
export function createSenderCheck(getPopup: () => WebContents | null): SenderCheck {
  return (event) => {
    try {
      const popup = getPopup();
      if (!popup || popup.isDestroyed() || event.sender !== popup) return false;
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null) return false;
      const main = popup.mainFrame;
      if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
      return isAppUrl(frame.url);
    } catch {
      return false;
    }
  };
}

/** Registers a handler per method; returns a function that removes them all. */
export function bindIpc(ipc: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, isTrusted: SenderCheck): () => void {
  for (const m of RELINK_METHODS) {
    const channel = channelOf(m);
    ipc.removeHandler(channel);
    ipc.handle(channel, async (event, raw: unknown) => (isTrusted(event) ? dispatch(m, raw) : UNTRUSTED));
  }
  return () => {
    for (const m of RELINK_METHODS) ipc.removeHandler(channelOf(m));
  };
}

/** Tells the popup the inventory changed (no payload: it calls getStatus). */
export function sendChanged(contents: WebContents | null): void {
  if (contents && !contents.isDestroyed()) contents.send(CHANGED_EVENT);
}
