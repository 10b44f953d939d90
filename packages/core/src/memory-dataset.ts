import type { Dataset } from "./plugin.ts";
import type { Labelmap, Sample } from "./types.ts";

/**
 * A dataset held in memory: for tests, for library users who build samples in code, and
 * for importers whose input is parsed whole. Refs are sample indices.
 */
export function memoryDataset(labelmap: Labelmap, samples: readonly Sample[], subsets?: readonly string[]): Dataset<number> {
  const names = subsets ?? [...new Set(samples.map((s) => s.subset))];
  return {
    labelmap,
    subsets: names.length > 0 ? names : ["default"],
    size: samples.length,
    async *refs() {
      for (let i = 0; i < samples.length; i++) yield i;
    },
    async load(ref) {
      const sample = samples[ref];
      if (sample === undefined) throw new RangeError(`no sample ${ref}`);
      return sample;
    },
  };
}
