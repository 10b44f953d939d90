import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// Imports nothing but Node: main.ts loads this module before the rest of the CLI, so that
// an encode worker can boot on the idle core while this thread loads the CLI.

/** The worker entry beside this module (built JavaScript only; Node 20 cannot run `.ts` workers). */
export const ENCODE_WORKER_URL = new URL("./encode-worker.js", import.meta.url);

/** Whether worker threads can run from where this module was loaded (not from TypeScript sources, as in tests). */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith(".js");
}

/** `--jobs` when not given: one thread per core, at most 8. */
export function defaultJobs(): number {
  return Math.min(8, availableParallelism());
}

/**
 * Young-generation size of each worker's heap, in MB. The per-sample garbage is mostly small
 * objects (big pixel buffers live outside the JS heap), and V8's default lets each worker
 * grow tens of MB of semi-spaces: measured on 2,000 masks of 512² with --jobs 2, peak RSS
 * 236 MB at 16, 185 MB at 4, with no measurable change in CPU time.
 */
const YOUNG_GENERATION_MB = 4;

/** A worker thread started on `script`, with what happened to it before anyone listened. */
export interface StartedWorker {
  readonly worker: Worker;
  /** Resolves once the thread's V8 isolate exists, or the thread has stopped. Never rejects. */
  readonly online: Promise<void>;
  /** Set if the thread stopped, or failed, while no pool listened (a spare is then not used). */
  readonly early: { error?: unknown; exited: boolean };
  /**
   * Hands the worker to its pool: stops keeping early events (call once the pool's own
   * listeners are attached) and lets the worker keep the process alive again.
   */
  adopt(): void;
}

/**
 * Starts an encode worker thread. It loads its code, then waits for its setup message
 * (worker-pool.ts sends it), so it can start before the conversion is planned.
 */
export function startEncodeWorker(script: URL = ENCODE_WORKER_URL): StartedWorker {
  const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const early: StartedWorker["early"] = { exited: false };
  // Until a pool listens, an error must not be an unhandled 'error' event (which would end the
  // process): it is kept, and a spare that has one is not used (the pool starts a new worker).
  const onError = (error: unknown): void => void (early.error ??= error);
  const onExit = (): void => void (early.exited = true);
  worker.on("error", onError).on("exit", onExit);
  const online = new Promise<void>((resolve) => {
    worker.once("online", () => resolve());
    worker.once("exit", () => resolve());
  });
  const adopt = (): void => void worker.off("error", onError).off("exit", onExit).ref();
  return { worker, online, early, adopt };
}

/**
 * Starts one encode worker now if the command line is a `convert` that will want one (`--jobs`
 * above 1, given or by default): it boots and loads its code on an idle core while this
 * thread loads the CLI and plans the conversion. A worker the conversion starts is ready
 * 350–430 ms later (2,000 masks, --jobs 2). Measured on 200 masks with --jobs 2, five runs
 * each: this one was ready 540–664 ms after the process started, against 757–898 ms.
 * The spare never keeps the process alive; an unused one ends with it.
 */
export function prestartEncodeWorker(argv: readonly string[]): void {
  if (spare !== undefined || !workersAvailable() || !wantsEncodeWorker(argv, defaultJobs())) return;
  spare = startEncodeWorker();
  spare.worker.unref();
}

/** The worker {@link prestartEncodeWorker} started, once, if it runs `script` and is still up. */
export function takeSpareWorker(script: URL): StartedWorker | undefined {
  const taken = spare;
  if (taken === undefined || taken.early.exited || taken.early.error !== undefined || script.href !== ENCODE_WORKER_URL.href) return undefined;
  spare = undefined;
  return taken;
}

/**
 * Whether `argv` (without node and the script) is `convert` with `--jobs` above 1, read the
 * way commander reads `-j, --jobs <n>` (`-j 2`, `-j2`, `--jobs 2`, `--jobs=2`; the last wins).
 * Only a guess that saves time: a wrong one starts an unused worker or none early.
 */
export function wantsEncodeWorker(argv: readonly string[], defaultCount: number): boolean {
  if (argv[0] !== "convert") return false;
  let jobs = defaultCount;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "-j" || arg === "--jobs") jobs = Number(argv[++i]);
    else if (arg.startsWith("--jobs=")) jobs = Number(arg.slice("--jobs=".length));
    else if (/^-j\d/.test(arg)) jobs = Number(arg.slice(2));
  }
  return jobs > 1;
}

// --- internal ---

let spare: StartedWorker | undefined;
