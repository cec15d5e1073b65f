import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barSide, displayForPoint, isUsableTrayRect, positionPopup } from './popup-position';
import type { PositionInput, Rect } from './popup-position';

const popup = { width: 360, height: 520 };
const mac: Rect = { x: 0, y: 0, width: 1440, height: 900 };
const macWork: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const fhd: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const base = (over: Partial<PositionInput>): PositionInput => ({
  tray: null,
  lastTray: null,
  cursor: { x: 0, y: 0 },
  popup,
  workArea: macWork,
  display: mac,
  platform: 'darwin',
  ...over,
});

const cases: [string, Partial<PositionInput>, { x: number; y: number }][] = [
  ['macOS: centred under the tray, below the menu bar', { tray: { x: 1200, y: 0, width: 22, height: 24 } }, { x: 1031, y: 25 }],
  ['macOS: tray near the right edge is clamped', { tray: { x: 1420, y: 0, width: 20, height: 24 } }, { x: 1080, y: 25 }],
  ['macOS: tray near the left edge is clamped', { tray: { x: 5, y: 0, width: 20, height: 24 } }, { x: 0, y: 25 }],
  ['macOS: zero tray rect falls back to the last good one', { tray: { x: 0, y: 0, width: 0, height: 0 }, lastTray: { x: 1200, y: 0, width: 22, height: 24 } }, { x: 1031, y: 25 }],
  ['macOS: no usable rect at all uses the cursor', { tray: { x: 0, y: 0, width: 22, height: 24 }, cursor: { x: 700, y: 10 } }, { x: 520, y: 25 }],
  ['macOS: auto-hidden menu bar still opens at the top', { tray: { x: 1200, y: 0, width: 22, height: 24 }, workArea: mac }, { x: 1031, y: 24 }],
  ['macOS: fractional bounds (scaled display) give integers', { tray: { x: 1200.4, y: 0, width: 22.3, height: 24.6 } }, { x: 1032, y: 25 }],
  ['Windows: task bar at the bottom', { platform: 'win32', display: fhd, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, tray: { x: 1500, y: 1045, width: 24, height: 30 } }, { x: 1332, y: 520 }],
  ['Windows: bottom, tray at the far right edge', { platform: 'win32', display: fhd, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, tray: { x: 1890, y: 1045, width: 24, height: 30 } }, { x: 1560, y: 520 }],
  ['Windows: task bar at the top', { platform: 'win32', display: fhd, workArea: { x: 0, y: 40, width: 1920, height: 1040 }, tray: { x: 1500, y: 5, width: 24, height: 30 } }, { x: 1332, y: 40 }],
  ['Windows: task bar on the left', { platform: 'win32', display: fhd, workArea: { x: 60, y: 0, width: 1860, height: 1080 }, tray: { x: 10, y: 1000, width: 40, height: 40 } }, { x: 60, y: 520 }],
  ['Windows: task bar on the right', { platform: 'win32', display: fhd, workArea: { x: 0, y: 0, width: 1860, height: 1080 }, tray: { x: 1870, y: 1000, width: 40, height: 40 } }, { x: 1500, y: 520 }],
  ['Windows: right, tray near the top is clamped down', { platform: 'win32', display: fhd, workArea: { x: 0, y: 0, width: 1860, height: 1080 }, tray: { x: 1870, y: 10, width: 40, height: 40 } }, { x: 1500, y: 0 }],
  ['Linux: auto-hidden bar, cursor near the bottom', { platform: 'linux', display: fhd, workArea: fhd, cursor: { x: 1900, y: 1075 } }, { x: 1560, y: 555 }],
  ['Linux: auto-hidden bar, cursor near the left', { platform: 'linux', display: fhd, workArea: fhd, cursor: { x: 3, y: 500 } }, { x: 3, y: 0 }],
  ['Linux: GNOME top bar', { platform: 'linux', display: fhd, workArea: { x: 0, y: 32, width: 1920, height: 1048 }, tray: { x: 1700, y: 4, width: 24, height: 24 } }, { x: 1532, y: 32 }],
  ['second display left of the primary (negative x)', { platform: 'win32', display: { x: -1920, y: 0, width: 1920, height: 1080 }, workArea: { x: -1920, y: 0, width: 1920, height: 1040 }, tray: { x: -100, y: 1045, width: 24, height: 30 } }, { x: -360, y: 520 }],
  ['second display above the primary (negative y)', { display: { x: 0, y: -1080, width: 1920, height: 1080 }, workArea: { x: 0, y: -1055, width: 1920, height: 1055 }, tray: { x: 1800, y: -1080, width: 22, height: 24 } }, { x: 1560, y: -1055 }],
  ['popup larger than the work area sticks to its top-left', { popup: { width: 2000, height: 1000 }, tray: { x: 1200, y: 0, width: 22, height: 24 } }, { x: 0, y: 25 }],
];

for (const [name, over, want] of cases) {
  test(`positionPopup: ${name}`, () => {
    const got = positionPopup(base(over));
    assert.deepEqual(got, want);
    assert.ok(Number.isInteger(got.x) && Number.isInteger(got.y));
  });
}

test('every result lies inside the work area for popups that fit', () => {
  const work: Rect = { x: 100, y: 50, width: 1000, height: 700 };
  const display: Rect = { x: 100, y: 0, width: 1000, height: 800 };
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    for (let tx = 0; tx <= 1200; tx += 37) {
      for (let ty = 0; ty <= 800; ty += 53) {
        const p = positionPopup({ tray: { x: tx, y: ty, width: 20, height: 20 }, lastTray: null, cursor: { x: 0, y: 0 }, popup, workArea: work, display, platform });
        assert.ok(p.x >= work.x && p.x + popup.width <= work.x + work.width, `${platform} ${tx},${ty} x=${p.x}`);
        assert.ok(p.y >= work.y && p.y + popup.height <= work.y + work.height, `${platform} ${tx},${ty} y=${p.y}`);
      }
    }
  }
});

test('barSide reads the bar edge from work area vs display', () => {
  assert.equal(barSide(macWork, mac), 'top');
  assert.equal(barSide({ x: 0, y: 0, width: 1920, height: 1040 }, fhd), 'bottom');
  assert.equal(barSide({ x: 48, y: 0, width: 1872, height: 1080 }, fhd), 'left');
  assert.equal(barSide({ x: 0, y: 0, width: 1872, height: 1080 }, fhd), 'right');
  assert.equal(barSide(fhd, fhd), null);
});

test('isUsableTrayRect refuses null, empty and origin rects', () => {
  assert.equal(isUsableTrayRect(null), false);
  assert.equal(isUsableTrayRect({ x: 10, y: 0, width: 0, height: 24 }), false);
  assert.equal(isUsableTrayRect({ x: 0, y: 0, width: 22, height: 24 }), false);
  assert.equal(isUsableTrayRect({ x: 10, y: 0, width: 22, height: 24 }), true);
});

test('displayForPoint picks the containing display, else the nearest', () => {
  const displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, bounds: { x: -1280, y: 100, width: 1280, height: 800 } },
    { id: 3, bounds: { x: 1920, y: 0, width: 1440, height: 900 } },
  ];
  assert.equal(displayForPoint(displays, { x: 100, y: 100 })?.id, 1);
  assert.equal(displayForPoint(displays, { x: -5, y: 500 })?.id, 2);
  assert.equal(displayForPoint(displays, { x: 2000, y: 10 })?.id, 3);
  assert.equal(displayForPoint(displays, { x: 2500, y: 1000 })?.id, 3, 'below display 3, nearest to it');
  assert.equal(displayForPoint(displays, { x: -600, y: 0 })?.id, 2, 'above display 2');
  assert.equal(displayForPoint([], { x: 0, y: 0 }), undefined);
});
