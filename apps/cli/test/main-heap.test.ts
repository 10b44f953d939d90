// boundMainHeap against V8 itself: each case runs in a fresh `node` (a young generation that
// has not grown yet) importing the built module, so build first. No timing is asserted; sizes
// are V8's committed space sizes, which move in doublings.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO } from "./project.ts";

const MODULE = pathToFileURL(join(REPO, "apps/cli/dist/main-heap.js")).href;
const BUFFERS_MODULE = pathToFileURL(join(REPO, "apps/cli/dist/buffer-garbage.js")).href;

/** Shared by every script: sizes in MB, and an allocation pattern whose survivors make V8 grow its young generation. */
const PRELUDE = `
import { getHeapSpaceStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import { boundMainHeap } from ${JSON.stringify(MODULE)};
import { boundBufferGarbage } from ${JSON.stringify(BUFFERS_MODULE)};
const space = (name) => getHeapSpaceStatistics().find((s) => s.space_name === name);
const youngMb = () => space("new_space").space_size / 1048576;
const oldUsedMb = () => (space("old_space").space_used_size + space("large_object_space").space_used_size) / 1048576;
const kept = [];
/** Allocates up to 4 M small objects, a sliding window of 200 k of them alive: about 16 MB survive scavenges. */
function churn(bound, rounds = 200) {
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < 20000; i++) kept.push({ i, s: "x" + i });
    if (kept.length > 200000) kept.splice(0, 100000);
    bound?.check();
  }
}
const startWorker = () => new Promise((resolve) => { const w = new Worker("setTimeout(() => {}, 50)", { eval: true }); w.once("online", () => resolve(w)); });
`;

/** Runs `body` after the prelude; it prints one JSON object of the numbers named `K`. */
function run<K extends string>(body: string): Record<K, number> {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", `${PRELUDE}\n${body}`], { encoding: "utf8", timeout: 60_000 });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout) as Record<K, number>;
}

describe("boundMainHeap", () => {
  it("V8 grows a young generation whose objects survive (the control: what the bound prevents)", () => {
    const { before, after } = run<"before" | "after">(`const before = youngMb(); churn(); console.log(JSON.stringify({ before, after: youngMb() }));`);
    expect(after).toBeGreaterThan(before);
  });

  it("holds the young generation at its size while it is on, and lets it grow once released", () => {
    const { before, held, released } = run<"before" | "held" | "released">(`
      const bound = boundMainHeap(64);
      churn(bound, 5); // past the first scavenges, which commit the space it starts with
      const before = youngMb();
      churn(bound);
      const held = youngMb();
      bound.release();
      churn();
      console.log(JSON.stringify({ before, held, released: youngMb() }));`);
    // V8 also commits and uncommits half of the space as it goes, so "held" allows one step of
    // slack; unheld, the same churn takes it to V8's maximum (2 × 16 MB), several steps up.
    expect(held).toBeLessThanOrEqual(2 * before);
    expect(released).toBeGreaterThan(2 * held);
  });

  it("keeps holding after a worker thread starts (V8 resets the growth factor for each new isolate)", () => {
    const { before, checked, unchecked } = run<"before" | "checked" | "unchecked">(`
      const bound = boundMainHeap(64);
      churn(bound, 5);
      const before = youngMb();
      const first = await startWorker();
      bound.check(); // the next sample's check after the worker came up sets the hold again
      churn(bound);
      const checked = youngMb();
      await first.terminate();
      const second = await startWorker();
      churn(); // the control: without check() the new isolate's reset is in force
      const unchecked = youngMb();
      await second.terminate();
      console.log(JSON.stringify({ before, checked, unchecked }));`);
    expect(checked).toBeLessThanOrEqual(2 * before);
    expect(unchecked).toBeGreaterThan(2 * checked);
  });

  it("collects the old generation once its garbage passes the slack, and not before", () => {
    const { start, belowSlack, afterCheck, garbage } = run<"start" | "belowSlack" | "afterCheck" | "garbage">(`
      const bound = boundMainHeap(4);
      const start = oldUsedMb();
      // Arrays over 128 KB go straight to the old generation's large-object space.
      let small = Array.from({ length: 4 }, () => new Array(40000).fill(1.5)); // ~1.2 MB
      small = undefined;
      bound.check();
      const belowSlack = oldUsedMb() - start;
      let big = Array.from({ length: 32 }, () => new Array(40000).fill(1.5)); // ~10 MB
      const garbage = oldUsedMb() - start;
      big = undefined;
      bound.check();
      console.log(JSON.stringify({ start, belowSlack, garbage, afterCheck: oldUsedMb() - start }));`);
    expect(belowSlack).toBeGreaterThan(1); // under the slack, nothing was collected
    expect(garbage).toBeGreaterThan(9);
    expect(afterCheck).toBeLessThan(1);
    expect(start).toBeGreaterThan(0);
  });
});

describe("boundBufferGarbage", () => {
  it("frees dead ArrayBuffers once they pass the slack, and not before", () => {
    const { below, unchecked, checked } = run<"below" | "unchecked" | "checked">(`
      const buffersMb = () => process.memoryUsage().arrayBuffers / 1048576;
      const bound = boundBufferGarbage(8);
      const start = buffersMb();
      // Like inflated PNG rows: 0.8 MB each, dead as soon as the sample is done.
      const fill = (count) => { for (let i = 0; i < count; i++) Buffer.allocUnsafe(800_000).fill(i); };
      // V8 sweeps dead ArrayBuffers on a background thread after a collection: give it time.
      const settled = async () => { for (let i = 0; i < 40 && buffersMb() - start > 1; i++) await new Promise((r) => setTimeout(r, 50)); return buffersMb() - start; };
      fill(5);
      bound.check();
      const below = await settled();
      fill(20);
      const unchecked = await settled(); // the control: left to V8, they stay
      bound.check();
      console.log(JSON.stringify({ below, unchecked, checked: await settled() }));`);
    expect(below).toBeGreaterThan(3); // 4 MB dead, under the slack: left to V8
    expect(unchecked).toBeGreaterThan(15);
    expect(checked).toBeLessThan(1);
  });
});
