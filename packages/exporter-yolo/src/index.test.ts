import { describe, expect, it } from "vitest";
import { validatePluginModule } from "@maskport/core";
import plugins, { yoloExporter, yoloImporter } from "./index.ts";

describe("@maskport/exporter-yolo module", () => {
  it("default-exports the exporter and the importer, both valid plugins named yolo", () => {
    const validated = validatePluginModule(plugins, "@maskport/exporter-yolo");
    expect(validated.map((p) => [p.kind, p.name])).toEqual([["exporter", "yolo"], ["importer", "yolo"]]);
    expect(validated[0]).toBe(yoloExporter);
    expect(validated[1]).toBe(yoloImporter);
    expect(Object.isFrozen(yoloExporter) && Object.isFrozen(yoloImporter)).toBe(true);
  });
});
