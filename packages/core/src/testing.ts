/**
 * `@maskport/core/testing`: the plugin conformance suite (`describeExporter`,
 * `describeImporter`, `describeTransform`, plus the `check…` functions they call) and
 * helpers that build small samples. Needs vitest (an optional peer dependency) for the
 * `describe…` wrappers; the check functions use no test framework.
 */
export * from "./testing/index.ts";
