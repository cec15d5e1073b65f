/**
 * Refuses an action before any write when the target volume cannot hold what it will write
 * (reliability.md test plan case 5): better a clear "free N MB" than a half-done copy.
 */
import type { StoreCtx } from './context';
import { StoreError } from './errors';

/** Room kept free besides the bytes themselves: 1 MiB or 5 %, whichever is more. */
export function headroom(bytes: number): number {
  return Math.max(1024 * 1024, Math.ceil(bytes * 0.05));
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * Throws `disk-full` when `dir`'s volume has less than `bytes` + headroom free. A file system
 * that cannot say (statfs unsupported) is not blocked: the write itself still fails cleanly.
 */
export async function ensureSpace(ctx: StoreCtx, dir: string, bytes: number, what: string): Promise<void> {
  if (bytes === 0) return;
  let free: number;
  try {
    const s = await ctx.fs.statfs(dir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return;
  }
  const need = bytes + headroom(bytes);
  if (free < need) throw new StoreError('disk-full', `${what} needs ${mb(need)} free on the disk that holds ${dir}, but only ${mb(free)} is free; nothing was changed. Free some space and try again`);
}

/** True when two paths live on different devices (a move between them is a copy). */
export async function onOtherVolume(ctx: StoreCtx, a: string, b: string): Promise<boolean> {
  try {
    return (await ctx.fs.stat(a)).dev !== (await ctx.fs.stat(b)).dev;
  } catch {
    return false;
  }
}
