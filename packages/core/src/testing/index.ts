export { ConformanceError } from "./_run.ts";
export * from "./make-sample.ts";
export * from "./degenerate-samples.ts";
export * from "./check-plugin.ts";
export * from "./check-sample.ts";
export * from "./check-exporter.ts";
export * from "./check-importer.ts";
export * from "./check-transform.ts";
export * from "./describe-plugins.ts";
