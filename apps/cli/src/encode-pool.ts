import { maxPixels } from "@maskport/core/node";
import type { PluginSource } from "./load-plugin.ts";
import type { ConversionPlan } from "./run-conversion.ts";
import { workersAvailable } from "./early-worker.ts";
import { WorkerPool } from "./worker-pool.ts";
import type { PluginAddress, WorkerSetup } from "./worker-protocol.ts";

/**
 * A pool of `workers` threads for a plan, or undefined when the per-sample stage runs only in
 * this thread: no workers asked for (`--jobs 1`), running from TypeScript sources (tests), or
 * a plugin whose module source is unknown (handed over as an object, so a worker could not
 * import it).
 */
export function createEncodePool(plan: ConversionPlan, workers: number): WorkerPool | undefined {
  if (workers < 1 || !workersAvailable()) return undefined;
  const setup = workerSetup(plan);
  return setup === undefined ? undefined : new WorkerPool(setup, workers);
}

/** The plain data a worker re-opens the plan's stage from, if every plugin has a source. */
export function workerSetup(plan: ConversionPlan): WorkerSetup | undefined {
  const sources = plan.sources;
  if (sources === undefined || sources.importer === undefined) return undefined;
  if (sources.transforms.length !== plan.transforms.length || sources.targets.length !== plan.targets.length) return undefined;
  const address = (source: PluginSource, kind: PluginAddress["kind"], name: string): PluginAddress => ({ url: source.url, exportName: source.exportName, kind, name });
  return {
    input: plan.input,
    ...(plan.images === undefined ? {} : { images: plan.images }),
    importer: { plugin: address(sources.importer, "importer", plan.importer.name), options: plan.importerOptions },
    transforms: plan.transforms.map((step, i) => ({ plugin: address(sources.transforms[i]!, "transform", step.transform.name), options: step.options })),
    targets: plan.targets.map((target, i) => ({ plugin: address(sources.targets[i]!, "exporter", target.exporter.name), options: target.options })),
    maxPixels: maxPixels(),
  };
}
