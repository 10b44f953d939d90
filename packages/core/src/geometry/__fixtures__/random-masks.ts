import fc from "fast-check";
import type { Bitmap } from "../../types.ts";

/** Random masks of the shapes geometry must survive, each as a fast-check arbitrary. */

/** Salt-and-pepper noise: corner-touching pixels, holes, islands, border contact, 1-pixel parts. */
export function noiseMask(maxSize = 24): fc.Arbitrary<Bitmap> {
  return fc
    .record({ width: fc.integer({ min: 1, max: maxSize }), height: fc.integer({ min: 1, max: maxSize }), density: fc.double({ min: 0.05, max: 0.95, noNaN: true }), seed: fc.integer() })
    .map(({ width, height, density, seed }) => {
      const random = mulberry32(seed);
      const data = new Uint8Array(width * height);
      for (let i = 0; i < data.length; i++) data[i] = random() < density ? 1 : 0;
      return { width, height, data };
    });
}

/** Discs and boxes, minus smaller discs (holes), plus discs inside those holes (islands). */
export function blobMask(maxSize = 64): fc.Arbitrary<Bitmap> {
  return fc
    .record({ width: fc.integer({ min: 4, max: maxSize }), height: fc.integer({ min: 4, max: maxSize }), seed: fc.integer(), shapes: fc.integer({ min: 1, max: 6 }) })
    .map(({ width, height, seed, shapes }) => blobs(width, height, seed, shapes));
}

/** 1-pixel-wide polylines, diagonal staircases and square spirals. */
export function lineMask(maxSize = 40): fc.Arbitrary<Bitmap> {
  return fc
    .record({ width: fc.integer({ min: 1, max: maxSize }), height: fc.integer({ min: 1, max: maxSize }), seed: fc.integer(), spiral: fc.boolean() })
    .map(({ width, height, seed, spiral }) => {
      const data = new Uint8Array(width * height);
      const random = mulberry32(seed);
      if (spiral) {
        // A square spiral of 1-pixel walls with 1-pixel gaps, from a random corner inset.
        let left = Math.floor(random() * 3);
        let top = Math.floor(random() * 3);
        let right = width - 1 - Math.floor(random() * 3);
        let bottom = height - 1 - Math.floor(random() * 3);
        while (left <= right && top <= bottom) {
          for (let x = left; x <= right; x++) data[top * width + x] = 1;
          for (let y = top; y <= bottom; y++) data[y * width + right] = 1;
          if (top + 2 <= bottom) for (let x = left; x <= right; x++) data[bottom * width + x] = 1;
          if (left + 2 <= right) for (let y = top + 2; y <= bottom; y++) data[y * width + left] = 1;
          left += 2;
          top += 2;
          right -= 2;
          bottom -= 2;
        }
      } else {
        const strokes = 1 + Math.floor(random() * 4);
        for (let s = 0; s < strokes; s++) {
          let x = Math.floor(random() * width);
          let y = Math.floor(random() * height);
          const steps = Math.floor(random() * (width + height));
          const dx = Math.floor(random() * 3) - 1;
          const dy = Math.floor(random() * 3) - 1;
          for (let k = 0; k < steps && x >= 0 && y >= 0 && x < width && y < height; k++) {
            data[y * width + x] = 1;
            if (random() < 0.5) x += dx;
            else y += dy;
          }
        }
      }
      return { width, height, data };
    });
}

/** Checkerboards with square cells of 1..3 pixels, sometimes with a cell-aligned offset. */
export function checkerMask(maxSize = 32): fc.Arbitrary<Bitmap> {
  return fc
    .record({ width: fc.integer({ min: 1, max: maxSize }), height: fc.integer({ min: 1, max: maxSize }), cell: fc.integer({ min: 1, max: 3 }), phase: fc.integer({ min: 0, max: 1 }) })
    .map(({ width, height, cell, phase }) => {
      const data = new Uint8Array(width * height);
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) data[y * width + x] = (Math.floor(x / cell) + Math.floor(y / cell) + phase) % 2;
      return { width, height, data };
    });
}

/** A tumour-like mask: `count` blobs, the first with a necrotic hole. */
export function blobs(width: number, height: number, seed: number, shapes: number): Bitmap {
  const random = mulberry32(seed);
  const data = new Uint8Array(width * height);
  const disc = (cx: number, cy: number, r: number, value: number, wobble: number): void => {
    const r2 = r * r;
    for (let y = Math.max(0, Math.floor(cy - r - wobble)); y <= Math.min(height - 1, Math.ceil(cy + r + wobble)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r - wobble)); x <= Math.min(width - 1, Math.ceil(cx + r + wobble)); x++) {
        const dx = x - cx;
        const dy = y - cy;
        const angle = Math.atan2(dy, dx);
        const rr = r + wobble * Math.sin(3 * angle + seed) * 0.5;
        if (dx * dx + dy * dy <= Math.max(0, rr * rr) || (wobble === 0 && dx * dx + dy * dy <= r2)) data[y * width + x] = value;
      }
    }
  };
  const size = Math.min(width, height);
  for (let s = 0; s < shapes; s++) {
    const r = 1 + random() * size * 0.3;
    const cx = random() * width;
    const cy = random() * height;
    if (random() < 0.3) {
      const w = 1 + Math.floor(random() * width * 0.4);
      const h = 1 + Math.floor(random() * height * 0.4);
      for (let y = Math.floor(cy); y < Math.min(height, Math.floor(cy) + h); y++)
        for (let x = Math.floor(cx); x < Math.min(width, Math.floor(cx) + w); x++) data[y * width + x] = 1;
    } else {
      disc(cx, cy, r, 1, random() * r * 0.4);
    }
    if (r > 3 && random() < 0.7) {
      const hr = r * (0.2 + random() * 0.4);
      disc(cx, cy, hr, 0, random() * hr * 0.3);
      if (hr > 3 && random() < 0.5) disc(cx, cy, hr * 0.4, 1, 0);
    }
  }
  return { width, height, data };
}

/** Small deterministic PRNG, so a failing case reproduces from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
