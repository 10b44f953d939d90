import type { InstanceFidelity, WriteContext } from "../plugin.ts";
import type { Instance } from "../types.ts";

/**
 * What a fragment of an exporter without a crowd flag carries: how many crowd instances
 * ({@link Instance.crowd}) it wrote as ordinary ones, so `write` can say so once for the run.
 */
export interface CrowdCount {
  /** Crowd instances written without their flag; absent when none. */
  readonly crowds?: number;
}

/**
 * `{ crowds: n }` for the crowd instances among those written (the instances `fidelity`
 * names), or `{}` when there are none: spread it into a fragment.
 */
export function crowdCount(instances: readonly Instance[], written: readonly Pick<InstanceFidelity, "instanceId">[]): CrowdCount {
  let crowds = 0;
  let ids: Set<number> | undefined;
  for (const instance of instances) {
    if (instance.crowd !== true) continue;
    ids ??= new Set(written.map((entry) => entry.instanceId));
    if (ids.has(instance.instanceId)) crowds++;
  }
  return crowds === 0 ? {} : { crowds };
}

/**
 * Reports, once per run, that `count` crowd instances were written as ordinary instances
 * (info `CROWD_FLAG_CHANGED`); nothing when `count` is 0.
 * @param why the reason, e.g. `YOLO has no crowd flag`
 */
export function reportCrowdsWritten(count: number, why: string, context: Pick<WriteContext, "report">): void {
  if (count === 0) return;
  context.report({
    severity: "info",
    code: "CROWD_FLAG_CHANGED",
    message: `${count} crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: ${why}`,
  });
}
