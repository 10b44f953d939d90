import { setFlagsFromString } from "node:v8";

/**
 * While a conversion runs worker threads, lets V8 run a function longer before optimising it
 * (8× Node 20's interrupt budget), in this thread and the workers it starts. Returns the
 * function that puts the default back once the last such run has ended. Call it before the
 * conversion's per-sample code first runs: a function's budget is set when its feedback is
 * first allocated.
 *
 * Why: the per-sample functions are hot from the first sample on, and with the default budget
 * V8 optimises them (mostly mid-loop, OSR) before their feedback has seen the rarer branches,
 * then deoptimises and compiles them again, on background threads. Measured on 2,000 masks of
 * 512² with --trace-opt: with --jobs 2 (two isolates, each compiling its own copy) 420–436
 * compiles taking 4.1–4.4 s of CPU by default, 215–226 taking 1.8–2.1 s at 8×; that CPU comes out
 * of encoding. With --jobs 1 it runs on the otherwise idle core (254 compiles, 1.9 s), and the
 * later optimisation only costs, so one-thread runs keep the default.
 */
export function raiseTieringBudget(): () => void {
  if (raised++ === 0) setFlagsFromString(`--interrupt-budget=${BUDGET_FACTOR * DEFAULT_INTERRUPT_BUDGET}`);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--raised === 0) setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
  };
}

/** Node 20 (V8 11.3): `node --v8-options` gives the default `--interrupt-budget` as 67584. */
const DEFAULT_INTERRUPT_BUDGET = 67_584;
/** Measured at 4×, 8× and 16×: 2.2, 1.8–2.1 and 1.6 s of compiles with --jobs 2; 8× is taken. */
const BUDGET_FACTOR = 8;
/** Runs that have raised the budget and not yet put it back. */
let raised = 0;
