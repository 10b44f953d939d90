import { describe, it } from "vitest";
import type { Exporter, FragmentBase, Importer, Transform } from "../plugin.ts";
import {
  checkDegenerateMasks,
  checkDeterministic,
  checkEmptyDataset,
  checkFidelity,
  checkFragmentsCloneable,
  checkOutputPaths,
  type ExporterCheckSettings,
} from "./check-exporter.ts";
import { checkImporterDetect, checkImporterRead, checkImporterRejects, type ImporterCheckSettings } from "./check-importer.ts";
import { checkOptionDefaults, checkPluginShape } from "./check-plugin.ts";
import { checkTransformApply, checkTransformLabelmap, checkTransformPure, type TransformCheckSettings } from "./check-transform.ts";

/**
 * Registers the exporter conformance suite as a vitest `describe` block: shape, option
 * defaults, empty dataset, output paths, determinism, the encodeSample/write split,
 * degenerate masks and fidelity. Each test calls one exported `check…` function.
 */
export function describeExporter<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings = {}): void {
  describe(`exporter ${exporter.name} conformance`, () => {
    it("is a valid exporter plugin (name, apiVersion, kind)", () => checkPluginShape(exporter, "exporter"));
    it("has option defaults that satisfy their specs", () => checkOptionDefaults(exporter, settings.options));
    it("gives valid output for an empty dataset", () => checkEmptyDataset(exporter, settings));
    it("writes only relative, contained, unique paths", () => checkOutputPaths(exporter, settings));
    it("is byte-deterministic", () => checkDeterministic(exporter, settings));
    it("gives the same bytes from structured clones of its fragments", () => checkFragmentsCloneable(exporter, settings));
    it("reports degenerate masks instead of throwing", () => checkDegenerateMasks(exporter, settings));
    it("gives one consistent fidelity entry per written instance", () => checkFidelity(exporter, settings));
  });
}

/**
 * Registers the importer conformance suite: shape, option defaults, detect, read (refs,
 * samples, instances) and, for each invalid input, a specific error.
 */
export function describeImporter<O extends object>(importer: Importer<O>, settings: ImporterCheckSettings): void {
  describe(`importer ${importer.name} conformance`, () => {
    it("is a valid importer plugin (name, apiVersion, kind)", () => checkPluginShape(importer, "importer"));
    it("has option defaults that satisfy their specs", () => checkOptionDefaults(importer, settings.options));
    it("detects its input and nothing else", () => checkImporterDetect(importer, settings));
    it("reads valid samples through cloneable refs", () => checkImporterRead(importer, settings));
    for (const input of settings.invalidInputs ?? []) {
      it(`refuses ${input} with a specific error`, () => checkImporterRejects(importer, input, settings));
    }
  });
}

/**
 * Registers the transform conformance suite: shape, option defaults, labelmap, apply on
 * degenerate and given samples, and purity.
 */
export function describeTransform<O extends object>(transform: Transform<O>, settings: TransformCheckSettings = {}): void {
  describe(`transform ${transform.name} conformance`, () => {
    it("is a valid transform plugin (name, apiVersion, kind)", () => checkPluginShape(transform, "transform"));
    it("has option defaults that satisfy their specs", () => checkOptionDefaults(transform, settings.options));
    it("gives a valid labelmap", () => checkTransformLabelmap(transform, settings));
    it("gives valid samples and reports what it removes", () => checkTransformApply(transform, settings));
    it("is pure and deterministic", () => checkTransformPure(transform, settings));
  });
}
