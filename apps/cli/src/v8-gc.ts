import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Runs a V8 garbage collection in this thread now: `minor` scavenges the young generation (and
 * frees the ArrayBuffers that died there), `major` collects the whole heap. For the few places
 * that bound memory by asking for one ({@link collectPastSlack}); V8 decides otherwise.
 */
function collectGarbage(type: "minor" | "major"): void {
  gc ??= exposeGc();
  // Measured on Node 20 (V8 11.3): `gc()` collects the whole heap at once, `gc({ type: "major" })`
  // left the garbage in place; a scavenge hands dead ArrayBuffers to a concurrent sweeper, so
  // their memory comes back shortly after this returns.
  if (type === "major") gc();
  else gc({ type: "minor", execution: "sync" });
}

/**
 * Collects (`type`) whenever `measure()` (bytes) has grown more than `slackMb` above the lowest
 * value it had since the last collection; `check()` is called after each unit of work. The
 * lowest value follows the measure down, so what V8 frees on its own counts too.
 */
export function collectPastSlack(type: "minor" | "major", slackMb: number, measure: () => number): { check(): void } {
  const slack = slackMb * 1024 * 1024;
  let floor = measure();
  return {
    check(): void {
      const bytes = measure();
      if (bytes < floor) floor = bytes;
      else if (bytes - floor > slack) {
        collectGarbage(type);
        floor = measure();
      }
    },
  };
}

// --- internal ---

type Gc = (options?: { type: "minor" | "major"; execution: "sync" | "async" }) => void;
let gc: Gc | undefined;

/** V8's `gc()`: `--expose-gc` is read when a context is created, so a new context has it. */
function exposeGc(): Gc {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as Gc;
}
