import type { GreyImage } from './types.js';

/** pdf.js image kinds (`ImageKind`): 1-bit grey, RGB, RGBA. */
const GRAYSCALE_1BPP = 1;
const RGB_24BPP = 2;
const RGBA_32BPP = 3;

/** Luma of an RGB pixel (ITU-R BT.601), rounded. */
function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114 + 500) / 1000;
}

/**
 * The grey value the OCR gets for a colour pixel: its luma, or, for red ink (red above green and
 * blue by `sealRedness` or more: a seal stamped over the print), its red channel, in which the
 * seal fades to paper while black print under it stays dark.
 */
function inkGrey(r: number, g: number, b: number, sealRedness: number): number {
  return r - Math.max(g, b) >= sealRedness ? r : luma(r, g, b);
}

/** A grey copy of RGBA pixels (a canvas's `getImageData().data`); transparent pixels read as white. */
export function greyFromRgba(data: Uint8Array | Uint8ClampedArray, width: number, height: number, sealRedness = 256): GreyImage {
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < out.length; i += 4, p++) {
    const a = data[i + 3]!;
    const y = inkGrey(data[i]!, data[i + 1]!, data[i + 2]!, sealRedness);
    out[p] = a === 255 ? y : 255 - ((255 - y) * a) / 255;
  }
  return { width, height, data: out };
}

/** A grey copy of a decoded pdf.js image object (`page.objs.get(id)`); null for kinds it does not know. */
export function greyFromPdfImage(
  image: { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray },
  sealRedness = 256,
): GreyImage | null {
  const { width, height, kind, data } = image;
  if (!data || !width || !height) return null;
  const out = new Uint8Array(width * height);
  if (kind === RGB_24BPP) {
    for (let i = 0, p = 0; p < out.length; i += 3, p++) out[p] = inkGrey(data[i]!, data[i + 1]!, data[i + 2]!, sealRedness);
  } else if (kind === RGBA_32BPP) {
    return greyFromRgba(data, width, height, sealRedness);
  } else if (kind === GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        out[y * width + x] = bit ? 255 : 0;
      }
    }
  } else return null;
  return { width, height, data: out };
}

/** The image turned clockwise by `quarterTurns` × 90°. */
export function rotateQuarterTurns(image: GreyImage, quarterTurns: number): GreyImage {
  const turns = ((quarterTurns % 4) + 4) % 4;
  if (turns === 0) return image;
  const { width: w, height: h, data } = image;
  const ow = turns % 2 === 0 ? w : h;
  const oh = turns % 2 === 0 ? h : w;
  const out = new Uint8Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sx: number;
      let sy: number;
      if (turns === 1) {
        sx = y;
        sy = h - 1 - x;
      } else if (turns === 2) {
        sx = w - 1 - x;
        sy = h - 1 - y;
      } else {
        sx = w - 1 - y;
        sy = x;
      }
      out[y * ow + x] = data[sy * w + sx]!;
    }
  }
  return { width: ow, height: oh, data: out };
}

/**
 * The image turned by `degrees` about its centre (positive: clockwise on
 * screen, y down), same size, bilinear, white where nothing was.
 */
export function rotateSmall(image: GreyImage, degrees: number): GreyImage {
  if (degrees === 0) return image;
  const { width: w, height: h, data } = image;
  const out = new Uint8Array(w * h);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let v = 0; v < h; v++) {
    const dy = v - cy;
    // Output (u, v) comes from the source point turned back by -a.
    let sx = cx + -cx * cos + dy * sin;
    let sy = cy - -cx * sin + dy * cos;
    for (let u = 0; u < w; u++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[v * w + u] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out[v * w + u] = top + (bottom - top) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** The image shrunk by an integer factor (box filter). */
export function downsample(image: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return image;
  const w = Math.floor(image.width / factor);
  const h = Math.floor(image.height / factor);
  const out = new Uint8Array(w * h);
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * image.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx]!;
      }
      out[y * w + x] = sum / area;
    }
  }
  return { width: w, height: h, data: out };
}

/** Pixels darker than this are ink (after the page's white is normalized by the scan). */
export const INK_THRESHOLD = 160;

/**
 * The page's skew in degrees (positive: the content is turned clockwise),
 * from the projection profile of its ink: rows of text and rules line up
 * best, giving the sharpest profile, at the skew angle. Searched within
 * ±`maxDegrees`; 0 for a page without ink.
 */
export function estimateSkew(image: GreyImage, maxDegrees = 3): number {
  // Work at about 100 dpi-equivalent width: enough for 0.05°.
  const factor = Math.max(1, Math.floor(image.width / 1200));
  const small = downsample(image, factor);
  const ink = countInk(small);
  const stride = Math.max(1, Math.ceil(ink / SKEW_POINTS));
  const xs = new Float64Array(Math.ceil(ink / stride));
  const ys = new Float64Array(xs.length);
  let n = 0;
  let k = 0;
  for (let y = 0; y < small.height; y++) {
    const row = y * small.width;
    for (let x = 0; x < small.width; x++) {
      if (small.data[row + x]! < INK_THRESHOLD && k++ % stride === 0) {
        xs[n] = x - small.width / 2;
        ys[n++] = y;
      }
    }
  }
  if (n < 100) return 0;
  const bins = new Float64Array(small.height + small.width + 8);
  const offset = small.width / 2 + 4 + 0.5;
  // `every`: the share of the points scored (1 = all of them).
  const score = (degrees: number, every: number): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < n; i += every) {
      const b = Math.floor(ys[i]! - xs[i]! * t + offset);
      if (b >= 0 && b < bins.length) bins[b]! += 1;
    }
    let s = 0;
    for (let i = 1; i < bins.length; i++) {
      const d = bins[i]! - bins[i - 1]!;
      s += d * d;
    }
    return s;
  };
  // The coarse scan needs only the profile's main peaks: every fourth point finds the 0.1° step;
  // the fine scan around it uses them all.
  let coarse = 0;
  let coarseScore = -1;
  for (let a = -maxDegrees; a <= maxDegrees + 1e-9; a += 0.1) {
    const s = score(a, SKEW_COARSE_EVERY);
    if (s > coarseScore) [coarse, coarseScore] = [a, s];
  }
  // Seeded with the coarse angle itself: on a flat stretch of the profile the angle stays put.
  let best = coarse;
  let bestScore = score(coarse, 1);
  for (let a = coarse - 0.1; a <= coarse + 0.1 + 1e-9; a += 0.01) {
    const s = score(a, 1);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  return Math.round(best * 100) / 100;
}

/** At most this many ink points are scored by the skew estimate (spread evenly over the page's ink). */
const SKEW_POINTS = 150_000;
/** The coarse skew scan scores one ink point in this many. */
const SKEW_COARSE_EVERY = 4;

function countInk(image: GreyImage): number {
  let n = 0;
  for (let i = 0; i < image.data.length; i++) if (image.data[i]! < INK_THRESHOLD) n++;
  return n;
}

/** Binary PGM (P5): a format the OCR's image library reads without decoding work. */
export function encodePgm(image: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}

/** A rectangle of the image (clipped to it), set on a white margin of `margin` pixels (the OCR reads a lone word better with room around it). */
export function crop(image: GreyImage, x0: number, y0: number, x1: number, y1: number, margin = 0): GreyImage {
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const right = Math.min(image.width, Math.ceil(x1));
  const bottom = Math.min(image.height, Math.ceil(y1));
  const w = Math.max(1, right - left) + 2 * margin;
  const h = Math.max(1, bottom - top) + 2 * margin;
  const out = new Uint8Array(w * h).fill(255);
  for (let y = top; y < bottom; y++) {
    out.set(image.data.subarray(y * image.width + left, y * image.width + right), (y - top + margin) * w + margin);
  }
  return { width: w, height: h, data: out };
}

/**
 * The image scaled by `factor` (> 1 enlarges), bilinear. The OCR's model reads
 * digits best at some 30 pixels a line: a 200 dpi scan's small print is
 * enlarged before reading (its decimal points are lost otherwise).
 */
export function resize(image: GreyImage, factor: number): GreyImage {
  if (factor === 1) return image;
  const w = Math.max(1, Math.round(image.width * factor));
  const h = Math.max(1, Math.round(image.height * factor));
  const { width: sw, height: sh, data } = image;
  const out = new Uint8Array(w * h);
  const xs = new Int32Array(w);
  const fxs = new Float64Array(w);
  for (let u = 0; u < w; u++) {
    const sx = Math.min(sw - 1, Math.max(0, (u + 0.5) / factor - 0.5));
    xs[u] = Math.min(sw - 2, Math.floor(sx));
    fxs[u] = sx - xs[u]!;
  }
  for (let v = 0; v < h; v++) {
    const sy = Math.min(sh - 1, Math.max(0, (v + 0.5) / factor - 0.5));
    const y0 = Math.min(Math.max(0, sh - 2), Math.floor(sy));
    const fy = sy - y0;
    const r0 = y0 * sw;
    const r1 = Math.min(sh - 1, y0 + 1) * sw;
    for (let u = 0; u < w; u++) {
      const x0 = Math.max(0, xs[u]!);
      const x1 = Math.min(sw - 1, x0 + 1);
      const fx = fxs[u]!;
      const top = data[r0 + x0]! + (data[r0 + x1]! - data[r0 + x0]!) * fx;
      const bottom = data[r1 + x0]! + (data[r1 + x1]! - data[r1 + x0]!) * fx;
      out[v * w + u] = top + (bottom - top) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * The image with the table rules that cross it whitened: rows dark across
 * at least `share` of its width, columns dark down at least `share` of its
 * height. A rule left in a cell cut out for re-reading garbles the digits
 * beside it (2.15 read as 2 under a rule); text never darkens that much of a row.
 */
export function eraseRules(image: GreyImage, share: number): GreyImage {
  const { width: w, height: h } = image;
  const data = image.data.slice();
  const rows: number[] = [];
  const columns: number[] = [];
  for (let y = 0; y < h; y++) {
    let ink = 0;
    for (let x = 0; x < w; x++) if (data[y * w + x]! < INK_THRESHOLD) ink++;
    if (ink >= share * w) rows.push(y);
  }
  for (let x = 0; x < w; x++) {
    let ink = 0;
    for (let y = 0; y < h; y++) if (data[y * w + x]! < INK_THRESHOLD) ink++;
    if (ink >= share * h) columns.push(x);
  }
  for (const y of rows) data.fill(255, y * w, (y + 1) * w);
  for (const x of columns) for (let y = 0; y < h; y++) data[y * w + x] = 255;
  return { width: w, height: h, data };
}
