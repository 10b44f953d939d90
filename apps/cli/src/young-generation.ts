import { setFlagsFromString } from "node:v8";

/**
 * Runs `work` (listing a dataset) with this isolate's young generation held at its current
 * size. A listing keeps nearly everything it allocates, and V8 answers a young generation
 * whose objects survive by growing it, up to 2 × 16 MB, which it keeps for the rest of the
 * process: listing 20,000 masks left the conversion after it ~30 MB above the same run on
 * 2,000. The factor is read each time the young generation would grow, so it can be set
 * and put back at run time; 2 is V8's default.
 */
export async function withYoungGenerationHeld<T>(work: () => Promise<T>): Promise<T> {
  setFlagsFromString("--semi-space-growth-factor=1");
  try {
    return await work();
  } finally {
    setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
  }
}

const DEFAULT_GROWTH_FACTOR = 2;
