import { MaskportError } from "../errors.ts";
import type { Transform } from "../plugin.ts";
import { labelName } from "./_label-names.ts";

/** Options of {@link minArea}. */
export interface MinAreaOptions {
  /** Smallest area kept, in pixels; instances with fewer set pixels are dropped. Default 1 (drops empty instances only). */
  readonly area: number;
}

const NAME = "min-area";

/**
 * Drops instances smaller than `area` pixels. Never silent: each dropped instance is an
 * `INSTANCE_DROPPED` info diagnostic naming its id, label and area.
 */
export const minArea: Transform<MinAreaOptions> = Object.freeze<Transform<MinAreaOptions>>({
  apiVersion: 1,
  kind: "transform",
  name: NAME,
  description: "Drop instances smaller than a number of pixels (area: px).",
  options: {
    area: { description: "Smallest instance area kept, in pixels.", default: 1 },
  },
  apply(sample, options, context) {
    const { area } = options;
    if (!Number.isFinite(area) || area < 0) {
      throw new MaskportError("INVALID_OPTION", `option area must be a number of pixels ≥ 0, not ${area}`, { plugin: NAME });
    }
    const instances = sample.instances.filter((instance) => {
      if (instance.area >= area) return true;
      context.report({
        severity: "info",
        code: "INSTANCE_DROPPED",
        instanceId: instance.instanceId,
        message: `${NAME}: dropped instance ${instance.instanceId} of label "${labelName(context.labelmap, instance.label)}": ${instance.area} px is below ${area} px`,
      });
      return false;
    });
    return instances.length === sample.instances.length ? sample : { ...sample, instances };
  },
});
