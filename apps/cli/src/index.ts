/**
 * `@maskport/cli` as a library: the discovery and the conversion runner the `maskport`
 * binary uses, for scripts that want the same behaviour without spawning it.
 */
export { discoverPlugins, isPluginPackageName, FIRST_PARTY, type PluginSet } from "./discover-plugins.ts";
export { loadPluginModule, type LoadedPlugin, type BrokenPlugin, type PluginSource, type PluginOrigin } from "./load-plugin.ts";
export { findPlugin } from "./find-plugin.ts";
export { runConversion, type ConversionPlan, type ConversionTarget, type ConversionEvents, type ConversionResult, type TargetResult } from "./run-conversion.ts";
export { encodeForRun, type RunSample } from "./sample-stage.ts";
export { createSampleEncoder, defaultJobs, type SampleEncoder } from "./encode-pool.ts";
export { parseTransformSpec, type TransformSpec } from "./transform-spec.ts";
export { checkOutputPath, writeOutputFiles } from "./write-files.ts";
