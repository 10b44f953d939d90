import { describe, expect, it } from "vitest";
import { fileSourceOf } from "../files/file-source.ts";
import { nodeFiles } from "./node-files.ts";

describe("fileSourceOf in Node", () => {
  it("falls back on the disk when the host passes no files, without importing @maskport/core/node", () => {
    expect(fileSourceOf(undefined)).toBe(nodeFiles);
    expect(fileSourceOf({})).toBe(nodeFiles);
  });
});
