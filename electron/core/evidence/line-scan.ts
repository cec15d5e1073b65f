/**
 * Bounded-memory line scanning over byte chunks, grep-style: only lines containing one of the
 * needles are decoded and handed on.
 *
 * Memory stays under `maxLineBytes` plus one chunk whatever the file size; a longer line is
 * skipped (counted in `hugeLines`) rather than buffered.
 */

/** Default cap for one line (rollout lines with big tool outputs stay well below it). */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

/** Read size for file scans. */
export const CHUNK_BYTES = 256 * 1024;

const NL = 0x0a;
const EMPTY = Buffer.alloc(0);

/** Feeds chunks, calls `onLine` for each complete line that contains a needle. */
export class LineScanner {
  /** Bytes consumed through the last newline seen (a resumable offset). */
  consumed = 0;
  /** Lines longer than the cap that were skipped. */
  hugeLines = 0;
  private carry: Buffer = EMPTY;
  private skipping = false;
  private skippedBytes = 0;

  constructor(
    private readonly needles: Buffer[],
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Feeds the next chunk of the stream. */
  push(chunk: Buffer): void {
    let data = chunk;
    if (this.skipping) {
      const nl = data.indexOf(NL);
      if (nl === -1) {
        this.skippedBytes += data.length;
        return;
      }
      this.consumed += this.skippedBytes + nl + 1;
      this.skipping = false;
      this.skippedBytes = 0;
      data = data.subarray(nl + 1);
    }
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, data]) : data;
    const last = buf.lastIndexOf(NL);
    if (last !== -1) {
      this.scanRegion(buf, last + 1);
      this.consumed += last + 1;
    }
    // Copy the tail so the (large) chunk it came from can be freed.
    this.carry = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : EMPTY;
    if (this.carry.length > this.maxLineBytes) {
      this.hugeLines += 1;
      this.skipping = true;
      this.skippedBytes = this.carry.length;
      this.carry = EMPTY;
    }
  }

  /** The bytes after the last newline (an incomplete or unterminated last line). */
  tail(): Buffer {
    return this.skipping ? EMPTY : this.carry;
  }

  /** True when the tail holds a needle (worth trying as a final line). */
  tailHasNeedle(): boolean {
    const t = this.tail();
    return this.needles.some((n) => t.indexOf(n) !== -1);
  }

  private nextHit(region: Buffer, from: number, end: number): number {
    let best = -1;
    for (const n of this.needles) {
      const i = region.indexOf(n, from);
      if (i !== -1 && i < end && (best === -1 || i < best)) best = i;
    }
    return best;
  }

  private scanRegion(region: Buffer, end: number): void {
    let pos = 0;
    while (pos < end) {
      const hit = this.needles.length === 0 ? pos : this.nextHit(region, pos, end);
      if (hit === -1) return;
      const start = hit === 0 ? 0 : region.lastIndexOf(NL, hit - 1) + 1;
      const stop = region.indexOf(NL, hit);
      const lineEnd = stop === -1 || stop >= end ? end - 1 : stop;
      if (lineEnd - start > this.maxLineBytes) this.hugeLines += 1;
      else this.onLine(region.toString('utf8', start, lineEnd));
      pos = lineEnd + 1;
    }
  }
}
