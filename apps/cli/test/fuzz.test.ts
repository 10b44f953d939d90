// The CI slice of the fuzzer (scripts/fuzz/): a fixed seed, the first mutants of each target in
// a bounded time, in-process over the TypeScript sources (vitest resolves the harness's
// @maskport/* imports to them). Property: every mutant either converts (read, every sample
// loaded, encoded and written in memory) or is refused with a MaskportError of a stable code —
// never a plain Error, TypeError, RangeError, stack overflow or PLUGIN_FAILED — and within
// SLOW_MS. `npm run fuzz` runs the same mutants by the ten thousand, in child processes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mutantOf, prepareTarget, runInput, TARGETS } from "../../../scripts/fuzz/harness.mjs";
import { SEEDS } from "../../../scripts/fuzz/seeds.mjs";

const SEED = 1;
/** Mutants per target, from index 0 (fewer when the time budget runs out first). */
const MUTANTS = 400;
/** Per target: about 15 s for the six, on a slow two-core machine. */
const BUDGET_MS = 2500;
/**
 * Mutants are a few hundred bytes to a few tens of KB and most take under 10 ms; anything slower
 * than this is a failure. Generous, as CI machines are shared and this file runs beside the
 * CLI's spawning tests; `npm run fuzz` flags 2 s, and the corpus holds the known slow inputs.
 */
const SLOW_MS = 3000;

const root = mkdtempSync(join(tmpdir(), "maskport-fuzz-ci-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("fuzz: mutants of valid inputs convert or are refused with a named error", () => {
  for (const target of TARGETS) {
    it(`${target}: seed ${SEED}, up to ${MUTANTS} mutants in ${BUDGET_MS} ms`, async () => {
      prepareTarget(root, target);
      const seeds = SEEDS[target] ?? [];
      for (let i = 0; i < seeds.length; i++) expect(await runInput(root, target, i, undefined), `seed input ${i} of ${target} must convert`).toMatchObject({ kind: "converted" });
      const failures: string[] = [];
      const started = performance.now();
      let done = 0;
      for (let index = 0; index < MUTANTS && performance.now() - started < BUDGET_MS; index++) {
        const { seedIndex, bytes } = mutantOf(SEED, target, index);
        const outcome = await runInput(root, target, seedIndex, bytes, { slowMs: SLOW_MS });
        done++;
        if (outcome.kind === "failure") {
          failures.push(`${target}:${index} (${outcome.stage}, ${outcome.reason}) ${outcome.error.split("\n")[0]}\n    replay: npm run fuzz -- --replay ${target}:${index} --seed ${SEED}${outcome.stack === undefined ? "" : `\n    ${outcome.stack.split("\n").slice(1, 4).map((line) => line.trim()).join("\n    ")}`}`);
        }
      }
      expect(done).toBeGreaterThan(0);
      expect(failures, `${failures.length} of ${done} mutants failed:\n${failures.join("\n")}`).toEqual([]);
    });
  }
});
