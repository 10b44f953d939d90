import { setFlagsFromString } from "node:v8";

/**
 * Holds this process's V8 young generations at their current size until the returned
 * release is called (holds nest). A dataset listing keeps nearly everything it allocates,
 * and V8 answers a young generation whose objects survive by growing it, up to 2 × 16 MB,
 * and keeps it for the rest of the process: listing 20,000 masks left the conversion after
 * it ~30 MB above the same run on 2,000. The growth factor is read each time a young
 * generation would grow, so it can be changed at run time; 2 is V8's default. (Holding it
 * for a whole --jobs 2 run was tried: the flag is per process, and the workers, held too,
 * promoted more and peaked higher.) Worker threads have their own small limit (worker-pool.ts).
 */
export function holdYoungGeneration(): () => void {
  if (holds++ === 0) setFlagsFromString("--semi-space-growth-factor=1");
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holds === 0) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
  };
}

// --- internal ---

const DEFAULT_GROWTH_FACTOR = 2;
let holds = 0;
