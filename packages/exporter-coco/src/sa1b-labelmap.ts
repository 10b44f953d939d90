import { vocColor, type Label, type Labelmap } from "@maskport/core";

/** The label of SA-1B annotations without a `label` field (SA-1B itself is class-agnostic). */
export const DEFAULT_SA1B_LABEL = "object";

/** The name the `sa1b` importer gives the background label (id 0). */
export const SA1B_BACKGROUND = "background";

/**
 * The labelmap of an SA-1B dataset: `background` with id 0 in black, then the label names in
 * code-point order with ids 1..K and Pascal VOC palette colours by id ((128,0,0), (0,128,0)
 * …). Sorting makes the ids independent of the order files are read in. A label named
 * `background` is that background label.
 */
export function labelmapFromNames(names: Iterable<string>): Labelmap {
  // UTF-8 byte order is code-point order (String comparison is UTF-16 code-unit order).
  const sorted = [...new Set(names)].filter((name) => name !== SA1B_BACKGROUND).sort(byUtf8);
  const labels: Label[] = [{ id: 0, name: SA1B_BACKGROUND, color: [0, 0, 0], parts: [], actions: [] }];
  sorted.forEach((name, index) => labels.push({ id: index + 1, name, color: vocColor(index + 1), parts: [], actions: [] }));
  return { labels, backgroundId: 0, dialect: "cvat" };
}

function byUtf8(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}
