// Which command lines start an encode worker before the CLI has loaded (early-worker.ts).
import { describe, expect, it } from "vitest";
import { wantsEncodeWorker } from "../src/early-worker.ts";

describe("wantsEncodeWorker", () => {
  it("wants one for convert when --jobs, given or by default, is above 1", () => {
    expect(wantsEncodeWorker(["convert", "in", "--to", "coco", "--out", "out"], 2)).toBe(true);
    expect(wantsEncodeWorker(["convert", "in", "--to", "coco", "--out", "out"], 1)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "--jobs", "3"], 1)).toBe(true);
  });

  it("reads every form commander accepts for -j, --jobs <n>, the last one winning", () => {
    expect(wantsEncodeWorker(["convert", "in", "--jobs", "1"], 2)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "--jobs=1"], 2)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "-j", "1"], 2)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "-j1"], 2)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "-j1", "--jobs", "4"], 1)).toBe(true);
    expect(wantsEncodeWorker(["convert", "in", "--jobs", "4", "-j", "1"], 2)).toBe(false);
  });

  it("wants none for other commands, a value it cannot read, or what follows --", () => {
    expect(wantsEncodeWorker(["inspect", "in", "--jobs", "4"], 2)).toBe(false);
    expect(wantsEncodeWorker([], 2)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "--jobs", "many"], 2)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "--jobs"], 2)).toBe(false);
    expect(wantsEncodeWorker(["convert", "in", "--", "--jobs", "1"], 2)).toBe(true);
  });
});
