#!/usr/bin/env node
// Draws Relink's tray icons (a chain link; a solid badge = needs reconnecting; a hollow badge =
// unknown) as PNGs, with no dependencies: signed distances, 4x4 supersampling, zlib.
// Writes build/tray/tray-<state>Template[@2x].png (macOS, black + alpha, tinted by the system)
// and tray-<state>-{light,dark}[@2x].png (other platforms: dark glyph for light bars and back).
// Usage: node build/make-tray-icons.cjs [outDir]   (deterministic: same bytes every run)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const STATES = ['ok', 'attention', 'unknown'];
const LINK_A = [[0.24, 0.76], [0.4, 0.6]];
const LINK_B = [[0.6, 0.4], [0.76, 0.24]];
const R = 0.15;
const STROKE = 0.095;
const BADGE = { x: 0.83, y: 0.17, r: 0.17 };

function segDist(px, py, [[ax, ay], [bx, by]]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of the glyph at a point in unit coordinates. */
function cover(state, x, y) {
  const db = Math.hypot(x - BADGE.x, y - BADGE.y);
  const hasBadge = state !== 'ok';
  if (hasBadge && db <= BADGE.r) return state === 'attention' || db >= BADGE.r - 0.07 ? 1 : 0;
  if (hasBadge && db <= BADGE.r + 0.07) return 0; // knock-out gap around the badge
  // With a badge, the link shrinks into the bottom-left so the badge cuts little of it.
  const k = hasBadge ? 0.84 : 1;
  const gx = x / k;
  const gy = (y - (1 - k)) / k;
  const ringAt = (seg) => Math.abs(segDist(gx, gy, seg) - R) <= STROKE / 2;
  return ringAt(LINK_A) || ringAt(LINK_B) ? 1 : 0;
}

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG of `size` px drawing `state` in colour `rgb`. */
function png(state, size, rgb) {
  const SS = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let sum = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) sum += cover(state, (px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = Math.round((255 * sum) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every icon as [file name, bytes]. */
function allIcons() {
  const out = [];
  const variants = [['Template', [0, 0, 0]], ['-light', [31, 31, 31]], ['-dark', [255, 255, 255]]];
  for (const state of STATES)
    for (const [suffix, rgb] of variants)
      for (const [scale, size] of [['', 16], ['@2x', 32]]) out.push([`tray-${state}${suffix}${scale}.png`, png(state, size, rgb)]);
  return out;
}

module.exports = { allIcons };

if (require.main === module) {
  const dir = process.argv[2] || path.join(__dirname, 'tray');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of allIcons()) fs.writeFileSync(path.join(dir, name), bytes);
  console.log(`wrote ${allIcons().length} icons to ${dir}`);
}
