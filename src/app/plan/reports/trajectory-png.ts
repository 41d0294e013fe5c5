/**
 * An indicator's trajectory chart as a PNG, for the Word review. Drawn by a few lines of
 * rasterising on an RGBA byte array and encoded with node's zlib, so report generation needs no
 * native graphics library or headless browser on the server. No text is drawn: the document's
 * caption names the indicator and explains the marks. Output depends only on the input.
 */
import { deflateSync } from 'node:zlib';
import type { TrajectorySeries } from '../../../domain/plan/trajectory-series.ts';
import { invalidField } from '../../../domain/shared/errors.ts';

type Rgb = readonly [number, number, number];

/** Colours match the caption's legend (灰色虚线、蓝线、橙点、阴影、黑色菱形). */
const COLOURS = {
  background: [255, 255, 255],
  grid: [232, 232, 232],
  axis: [64, 64, 64],
  band: [214, 239, 214],
  bandEdge: [150, 205, 150],
  expected: [150, 150, 150],
  observed: [31, 111, 209],
  sample: [240, 140, 0],
  baseline: [30, 30, 30],
} as const satisfies Record<string, Rgb>;

export interface TrajectoryPngOptions {
  /** Pixels; 32–4096. */
  width?: number;
  /** Pixels; 32–4096. */
  height?: number;
}

/** Draw a trajectory series (path, band, observations, baseline) as a PNG, 720×360 by default. */
export function renderTrajectoryPng(series: TrajectorySeries, opts: TrajectoryPngOptions = {}): Buffer {
  const width = checkSize('width', opts.width ?? 720);
  const height = checkSize('height', opts.height ?? 360);
  const canvas: Canvas = { width, height, data: new Uint8Array(width * height * 4) };
  drawChart(canvas, series);
  return encodePng(canvas);
}

function checkSize(field: string, px: number): number {
  if (!Number.isInteger(px) || px < 32 || px > 4096) {
    throw invalidField(
      field,
      `应为 32 至 4096 之间的整数像素，收到 ${px}`,
      `expected whole pixels from 32 to 4096, got ${px}`,
    );
  }
  return px;
}

// ---- chart layout -------------------------------------------------------------------------------

interface Canvas {
  width: number;
  height: number;
  /** RGBA, row-major, 4 bytes per pixel. */
  data: Uint8Array;
}

/** Maps years and values to pixels inside the plot rectangle (y grows downward). */
interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (year: number) => number;
  y: (value: number) => number;
}

function drawChart(c: Canvas, s: TrajectorySeries): void {
  fillRect(c, 0, 0, c.width - 1, c.height - 1, COLOURS.background);
  const f = frameFor(c, s);
  const [yLo, yHi] = yDomain(s);

  // Band first so grid, paths and dots stay visible on it; an open end runs to the plot edge.
  if (s.targetBand && (s.targetBand.low !== null || s.targetBand.high !== null)) {
    const top = s.targetBand.high === null ? f.top : f.y(s.targetBand.high);
    const bottom = s.targetBand.low === null ? f.bottom : f.y(s.targetBand.low);
    // A point target (动态清零: 0–0) still shows, as a 3-pixel strip in a stronger shade.
    const thin = Math.abs(bottom - top) < 3;
    fillRect(
      c,
      f.left,
      Math.min(top, bottom - 1),
      f.right,
      Math.max(bottom, top + 1),
      thin ? COLOURS.bandEdge : COLOURS.band,
    );
  }

  for (const v of niceTicks(yLo, yHi)) {
    const y = f.y(v);
    drawLine(c, f.left, y, f.right, y, COLOURS.grid);
    drawLine(c, f.left - 4, y, f.left, y, COLOURS.axis);
  }
  for (const year of yearTicks(s)) {
    const x = f.x(year);
    drawLine(c, x, f.top, x, f.bottom, COLOURS.grid);
    drawLine(c, x, f.bottom, x, f.bottom + 5, COLOURS.axis);
  }
  drawLine(c, f.left, f.top, f.left, f.bottom, COLOURS.axis);
  drawLine(c, f.left, f.bottom, f.right, f.bottom, COLOURS.axis);

  // The expected path breaks where it has no value (years before the baseline).
  for (let i = 1; i < s.years.length; i++) {
    const a = s.expected[i - 1];
    const b = s.expected[i];
    const ya = s.years[i - 1];
    const yb = s.years[i];
    if (a == null || b == null || ya === undefined || yb === undefined) continue;
    drawLine(c, f.x(ya), f.y(a), f.x(yb), f.y(b), COLOURS.expected, 2, 6);
  }

  const observed = [...s.observed].sort((a, b) => a.year - b.year);
  for (let i = 1; i < observed.length; i++) {
    const a = observed[i - 1] as (typeof observed)[number];
    const b = observed[i] as (typeof observed)[number];
    drawLine(c, f.x(a.year), f.y(a.value), f.x(b.year), f.y(b.value), COLOURS.observed, 2);
  }
  const r = Math.max(2, Math.round(Math.min(c.width, c.height) / 90));
  for (const o of observed) {
    const x = f.x(o.year);
    const y = f.y(o.value);
    if (o.sample) {
      // Hollow orange: generated sample data must never look like a real figure.
      fillDisc(c, x, y, r + 1, COLOURS.sample);
      fillDisc(c, x, y, r - 1, COLOURS.background);
    } else {
      fillDisc(c, x, y, r, COLOURS.observed);
    }
  }
  if (s.baseline) fillDiamond(c, f.x(s.baseline.year), f.y(s.baseline.value), r + 2, COLOURS.baseline);
}

function frameFor(c: Canvas, s: TrajectorySeries): Frame {
  const left = Math.max(8, Math.round(c.width * 0.06));
  const right = c.width - Math.max(6, Math.round(c.width * 0.03));
  const top = Math.max(6, Math.round(c.height * 0.05));
  const bottom = c.height - Math.max(8, Math.round(c.height * 0.09));
  const [x0, x1] = xDomain(s);
  const [y0, y1] = yDomain(s);
  // Clamp to just outside the canvas: a non-finite or huge coordinate would make line loops endless.
  const clampX = (px: number) => (Number.isFinite(px) ? Math.min(c.width + 4, Math.max(-4, px)) : left);
  const clampY = (px: number) => (Number.isFinite(px) ? Math.min(c.height + 4, Math.max(-4, px)) : bottom);
  return {
    left,
    right,
    top,
    bottom,
    x: (year) => clampX(left + ((year - x0) / (x1 - x0)) * (right - left)),
    y: (value) => clampY(bottom - ((value - y0) / (y1 - y0)) * (bottom - top)),
  };
}

/** Years shown: the series' years plus any observation or baseline outside them, padded 5%. */
function xDomain(s: TrajectorySeries): [number, number] {
  const years = [...s.years, ...s.observed.map((o) => o.year)];
  if (s.baseline) years.push(s.baseline.year);
  return padded(years.filter(Number.isFinite), 0.05, 0.5);
}

/** Values shown: everything drawn, including finite band ends, padded 8% so dots are not cut. */
function yDomain(s: TrajectorySeries): [number, number] {
  const values: number[] = [...s.observed.map((o) => o.value)];
  for (const e of s.expected) if (e !== null) values.push(e);
  if (s.baseline) values.push(s.baseline.value);
  if (s.targetBand?.low != null) values.push(s.targetBand.low);
  if (s.targetBand?.high != null) values.push(s.targetBand.high);
  return padded(values.filter(Number.isFinite), 0.08, 1);
}

/** [min, max] widened by `share` of the span, or by `flat` (or 10%) when all values are equal. */
function padded(values: number[], share: number, flat: number): [number, number] {
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo;
  const pad = span > 0 ? span * share : Math.abs(lo) * 0.1 || flat;
  return [lo - pad, hi + pad];
}

/** Gridline values at 1, 2 or 5 × 10^k, about five of them; none when the range is degenerate. */
function niceTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  if (!(raw > 0) || !Number.isFinite(raw)) return [];
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi && ticks.length < 20; v += step) ticks.push(v);
  return ticks;
}

/** One tick per whole year in the x range, at most 60 (a longer range gets no ticks). */
function yearTicks(s: TrajectorySeries): number[] {
  const [x0, x1] = xDomain(s);
  const first = Math.ceil(x0);
  const last = Math.floor(x1);
  if (!Number.isFinite(first) || !Number.isFinite(last) || last - first > 60) return [];
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

// ---- raster primitives (integer pixels, no anti-aliasing) -------------------------------------------

function setPixel(c: Canvas, x: number, y: number, rgb: Rgb): void {
  const px = Math.round(x);
  const py = Math.round(y);
  if (px < 0 || py < 0 || px >= c.width || py >= c.height) return;
  const i = (py * c.width + px) * 4;
  c.data[i] = rgb[0];
  c.data[i + 1] = rgb[1];
  c.data[i + 2] = rgb[2];
  c.data[i + 3] = 255;
}

function fillRect(c: Canvas, x0: number, y0: number, x1: number, y1: number, rgb: Rgb): void {
  const xa = Math.max(0, Math.round(Math.min(x0, x1)));
  const xb = Math.min(c.width - 1, Math.round(Math.max(x0, x1)));
  const ya = Math.max(0, Math.round(Math.min(y0, y1)));
  const yb = Math.min(c.height - 1, Math.round(Math.max(y0, y1)));
  for (let y = ya; y <= yb; y++) for (let x = xa; x <= xb; x++) setPixel(c, x, y, rgb);
}

/**
 * A line stepped one pixel at a time along its longer axis, with a square brush `thickness`
 * pixels wide. With `dash`, alternate `dash` pixels drawn and `dash` pixels skipped.
 */
function drawLine(
  c: Canvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  rgb: Rgb,
  thickness = 1,
  dash = 0,
): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
  const lo = -Math.floor((thickness - 1) / 2);
  const hi = lo + thickness - 1;
  for (let i = 0; i <= steps; i++) {
    if (dash > 0 && Math.floor(i / dash) % 2 === 1) continue;
    const x = x0 + ((x1 - x0) * i) / steps;
    const y = y0 + ((y1 - y0) * i) / steps;
    for (let dy = lo; dy <= hi; dy++) for (let dx = lo; dx <= hi; dx++) setPixel(c, x + dx, y + dy, rgb);
  }
}

function fillDisc(c: Canvas, cx: number, cy: number, r: number, rgb: Rgb): void {
  if (r <= 0) return;
  const x = Math.round(cx);
  const y = Math.round(cy);
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++)
      if (dx * dx + dy * dy <= r * r + r * 0.5) setPixel(c, x + dx, y + dy, rgb);
  }
}

function fillDiamond(c: Canvas, cx: number, cy: number, r: number, rgb: Rgb): void {
  const x = Math.round(cx);
  const y = Math.round(cy);
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) if (Math.abs(dx) + Math.abs(dy) <= r) setPixel(c, x + dx, y + dy, rgb);
  }
}

// ---- PNG encoding (RFC 2083: signature, IHDR, one IDAT, IEND) -----------------------------------------

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** RGBA, 8 bits per channel, filter 0 (none) on every row: simple, and zlib compresses flat areas well. */
function encodePng(c: Canvas): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(c.width, 0);
  header.writeUInt32BE(c.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive (each row starts with a filter byte)
  header[12] = 0; // no interlace
  const rowBytes = c.width * 4;
  const raw = Buffer.alloc((rowBytes + 1) * c.height);
  for (let y = 0; y < c.height; y++) {
    raw[y * (rowBytes + 1)] = 0;
    raw.set(c.data.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** CRC-32 (ISO-HDLC, polynomial 0xEDB88320) table, as PNG chunks require. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
