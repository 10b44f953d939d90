import type { Labelmap, Sample } from "../types.ts";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "./make-sample.ts";

/** One named edge case of {@link degenerateSamples}. */
export interface DegenerateCase {
  /** What is degenerate about it, for failure messages. */
  readonly name: string;
  readonly sample: Sample;
}

/**
 * The labelmap the degenerate samples use: `background` (0), `tumor` (1), `edema` (2).
 * Deeply frozen: it is shared by every check, so a plugin that edits it throws instead.
 */
export const degenerateLabelmap: Labelmap = deepFreeze(makeLabelmap(["background", "tumor", "edema"]));

/**
 * Small samples with the masks that break encoders: a 1-pixel instance, 1×N and N×1 lines,
 * an instance touching every border, no instances, an instance filling the image, a hole,
 * an empty (area 0) instance, diagonal-only contact, several parts, a 1×1 image, and two
 * labels in one image. Images are 8×6 pixels unless the case says otherwise. A fresh copy
 * is made on every call, so a plugin that mutates its input cannot poison other checks.
 */
export function degenerateSamples(): DegenerateCase[] {
  const cases: [string, number, number, Sample["instances"]][] = [
    ["one-pixel instance", 8, 6, [makeInstance(bitmapFromRows(["#"]), { x: 3, y: 2 })]],
    ["1×N line (one row)", 8, 6, [makeInstance(bitmapFromRows(["#####"]), { x: 1, y: 4 })]],
    ["N×1 line (one column)", 8, 6, [makeInstance(bitmapFromRows(["#", "#", "#", "#"]), { x: 6, y: 1 })]],
    [
      "instance touching every border",
      8,
      6,
      [makeInstance(bitmapFromRows(["....#...", "....#...", "....#...", "########", "....#...", "....#..."]))],
    ],
    ["image without instances", 8, 6, []],
    ["instance filling the image", 8, 6, [makeInstance(bitmapFromRows(Array.from({ length: 6 }, () => "########")))]],
    ["instance with a hole", 8, 6, [makeInstance(bitmapFromRows(["#####", "#...#", "#.#.#", "#...#", "#####"]), { x: 1, y: 0 })]],
    ["empty instance (area 0)", 8, 6, [makeInstance(bitmapFromRows(["...", "..."]), { x: 2, y: 2 })]],
    ["pixels touching only diagonally", 8, 6, [makeInstance(bitmapFromRows(["#..", ".#.", "..#"]), { x: 2, y: 1 })]],
    ["instance in several parts", 8, 6, [makeInstance(bitmapFromRows(["##....", "##....", "......", "....##"]), { x: 1, y: 1 })]],
    ["1×1 image filled", 1, 1, [makeInstance(bitmapFromRows(["#"]))]],
    [
      "two labels, touching",
      8,
      6,
      [
        makeInstance(bitmapFromRows(["###", "###"]), { x: 0, y: 0, label: 1, instanceId: 1 }),
        makeInstance(bitmapFromRows(["##", "##", "##"]), { x: 3, y: 0, label: 2, instanceId: 2 }),
      ],
    ],
  ];
  return cases.map(([name, width, height, instances], index) => ({
    name,
    sample: makeSample({ id: `degenerate/${String(index).padStart(2, "0")}`, width, height, instances }),
  }));
}

// --- internal ---

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
