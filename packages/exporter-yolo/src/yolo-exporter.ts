/**
 * The `yolo` exporter: Ultralytics YOLO segmentation (data.yaml, split lists, one label
 * file per image, images copied when known), lines that decode back to the source pixels.
 */
import { crowdCount, imageFileName, joinRecords, MaskportError, reportCrowdsWritten } from "@maskport/core";
import type { CrowdCount, Diagnostic, Exporter, FragmentBase, InstanceFidelity, OutputFile, Spool, WriteContext } from "@maskport/core";
import { decodeYoloFragment } from "./decode-yolo-fragment.ts";
import { toYoloLines } from "./to-yolo-line.ts";
import { formatDataYaml, pathHazard, samplePaths, splitByRatio, splitOfSubset, yaml, yoloClasses } from "./yolo-format.ts";
import type { YoloSplit } from "./yolo-format.ts";

/** Options of the `yolo` exporter. */
export interface YoloExportOptions {
  /** `bridge` (default): one line per instance, parts and holes joined by zero-width bridges; `separate`: one line per outer part. */
  readonly parts: "bridge" | "separate";
  /** Instances with fewer pixels are left out and reported (INSTANCE_DROPPED); 0 keeps all, 1-pixel objects included. */
  readonly minArea: number;
  /** 0: splits come from the input's subsets; otherwise the fraction (0..1] of samples sent to val by a seeded hash of the id. */
  readonly valRatio: number;
  /** Seed of the valRatio split. */
  readonly seed: number;
  /** Polygon simplification in pixels; 0 (default) writes every corner and is exact. */
  readonly tolerance: number;
  /** Extension listed for samples whose input names no image (`./images/<split>/<id>.<ext>`); a named image keeps its name. */
  readonly imageExtension: string;
}

/** What encodeSample hands to write: the label lines of one image (`crowds`: crowd instances written, which YOLO cannot mark). */
export interface YoloFragment extends FragmentBase, CrowdCount {
  readonly lines: readonly string[];
}

/** The `yolo` exporter object. */
export const yoloExporter: Exporter<YoloExportOptions, YoloFragment> = Object.freeze<Exporter<YoloExportOptions, YoloFragment>>({
  apiVersion: 1,
  kind: "exporter",
  name: "yolo",
  description: "Ultralytics YOLO segmentation (data.yaml + labels/*.txt), polygons that decode to the source pixels",
  options: {
    parts: { description: "bridge: one line per instance (zero-width bridges); separate: one line per part", default: "bridge", choices: ["bridge", "separate"] },
    minArea: { description: "leave out (and report) instances with fewer pixels", default: 0 },
    valRatio: { description: "0: splits from the input subsets (no val subset: val = train); else fraction of samples for val (seeded)", default: 0 },
    seed: { description: "seed of the valRatio split", default: 0 },
    tolerance: { description: "polygon simplification in pixels (0 = exact)", default: 0 },
    imageExtension: { description: "image extension listed for samples whose input names no image", default: "png" },
  },
  encodeSample(sample, options, context) {
    checkOptions(options);
    const classes = new Map(yoloClasses(context.labelmap).map((c) => [c.labelId, c.index]));
    const lines: string[] = [];
    const fidelity: InstanceFidelity[] = [];
    const rows = new Map<string, number>();
    if (sample.instances.length > 0 && (sample.width < 10 || sample.height < 10)) {
      context.report({
        severity: "warning",
        code: "INVALID_INPUT",
        message: `image is ${sample.width}×${sample.height} px; Ultralytics skips images under 10 px per side`,
      });
    }
    for (const instance of sample.instances) {
      const drop = (why: string): void =>
        context.report({ severity: "warning", code: "INSTANCE_DROPPED", instanceId: instance.instanceId, message: `instance ${instance.instanceId} not written: ${why}` });
      const classIndex = classes.get(instance.label);
      if (classIndex === undefined) {
        drop(instance.label === context.labelmap.backgroundId ? "it has the background label" : `label id ${instance.label} is not in the labelmap`);
        continue;
      }
      if (instance.area === 0) {
        drop("it has no pixels");
        continue;
      }
      if (instance.area < options.minArea) {
        drop(`area ${instance.area} px is below minArea ${options.minArea}`);
        continue;
      }
      const encoded = toYoloLines(instance, classIndex, sample.width, sample.height, options);
      lines.push(...encoded.lines);
      for (const box of encoded.boxes) {
        // verify_image_label removes rows with equal (class, box): the later line would vanish at load.
        const key = `${classIndex} ${box}`;
        const first = rows.get(key);
        if (first === undefined) rows.set(key, instance.instanceId);
        else
          context.report({
            severity: "warning",
            code: "LOSSY_ENCODING",
            instanceId: instance.instanceId,
            message: `instance ${instance.instanceId} has a line with the same class and box (px ${box}) as instance ${first}; Ultralytics keeps only one of such rows`,
          });
      }
      const encoding = encoded.lines.length > 1 ? `polygon (${encoded.lines.length} lines)` : "polygon";
      fidelity.push({ instanceId: instance.instanceId, label: instance.label, area: instance.area, encoding, ...encoded.fidelity });
      if (encoded.fidelity.lost > 0 || encoded.fidelity.added > 0) {
        context.report({
          severity: "warning",
          code: "LOSSY_ENCODING",
          instanceId: instance.instanceId,
          message: `instance ${instance.instanceId} decodes with ${encoded.fidelity.lost} px lost and ${encoded.fidelity.added} px added (IoU ${encoded.fidelity.iou.toFixed(4)})`,
        });
      }
    }
    return { lines, fidelity, ...crowdCount(sample.instances, fidelity) };
  },
  async *write(input, options, context) {
    checkOptions(options);
    // The image lists wait in spools (on disk in the CLI): nothing is held per sample. Two
    // samples mapping to one label file are caught by the runner, which creates every file
    // exclusively.
    const lists: Record<YoloSplit, Spool> = { train: context.spool(), val: context.spool(), test: context.spool() };
    let withoutImage = 0;
    let crowds = 0;
    for await (const { sample, fragment } of input.fragments) {
      context.signal.throwIfAborted();
      crowds += fragment.crowds ?? 0;
      const split = options.valRatio > 0 ? splitByRatio(sample.id, options.valRatio, options.seed) : splitOfSubset(sample.subset);
      const fileName = imageFileName(sample) ?? `${sample.id}.${options.imageExtension}`;
      const paths = samplePaths(split, fileName);
      const hazard = pathHazard(fileName);
      if (hazard !== undefined) context.report({ severity: "warning", code: "INVALID_INPUT", sampleId: sample.id, message: hazard });
      if (sample.image === undefined) withoutImage++;
      lists[split].push(paths.listEntry);
      // An image without objects still gets an (empty) label file: Ultralytics counts it as a background image.
      yield { path: paths.label, contents: fragment.lines.length > 0 ? `${fragment.lines.join("\n")}\n` : "" };
      if (sample.image !== undefined) yield { path: paths.image, copyFrom: sample.image.path };
    }
    if (withoutImage > 0) {
      context.report({
        severity: "warning",
        code: "INPUT_NOT_FOUND",
        message: `${withoutImage} sample(s) have no raw image; the lists name ./images/<split>/<the image's name> (<id>.${options.imageExtension} when the input names none): put the images there before training`,
      });
    }
    reportCrowdsWritten(crowds, "YOLO has no crowd flag", context);
    await yaml.load(); // data.yaml is formatted synchronously in finish
    yield* finish(lists, input.labelmap, options, context);
  },
  decodeFragment: decodeYoloFragment,
});

// --- internal ---

function* finish(lists: Record<YoloSplit, Spool>, labelmap: WriteContext["labelmap"], options: Readonly<YoloExportOptions>, context: WriteContext): Iterable<OutputFile> {
  const listText = (entries: Spool): AsyncIterable<string> => joinRecords(entries.drain(), { suffix: "\n" });
  let train = "train.txt";
  let val = "val.txt";
  if (lists.val.length === 0) {
    val = train;
    context.report(noValSplit(options.valRatio));
  } else if (lists.train.length === 0) {
    train = val;
    context.report({ severity: "warning", code: "INVALID_INPUT", message: "no sample went to train; data.yaml points train at val.txt" });
  }
  if (train === "train.txt") yield { path: "train.txt", contents: listText(lists.train) };
  if (val === "val.txt") yield { path: "val.txt", contents: listText(lists.val) };
  const test = lists.test.length > 0 ? "test.txt" : undefined;
  if (test !== undefined) yield { path: test, contents: listText(lists.test) };
  yield { path: "data.yaml", contents: formatDataYaml(yoloClasses(labelmap), test === undefined ? { train, val } : { train, val, test }) };
}

/**
 * Why data.yaml validates on train.txt. By default that is the input's own split (no val
 * subset), which we keep rather than silently withholding training samples: info, naming the
 * flag that holds some out. With --yolo.valRatio the user asked for a val split and got none.
 */
function noValSplit(valRatio: number): Diagnostic {
  if (valRatio === 0)
    return {
      severity: "info",
      code: "EMPTY_SPLIT",
      message: "the input has no val subset: every sample is in train.txt and data.yaml's val points at it too; --yolo.valRatio=0.2 holds out a seeded 20% for validation",
    };
  return { severity: "warning", code: "EMPTY_SPLIT", message: `no sample went to val with --yolo.valRatio=${valRatio}; data.yaml points val at train.txt: raise --yolo.valRatio` };
}

function checkOptions(options: Readonly<YoloExportOptions>): void {
  const bad = (message: string): never => {
    throw new MaskportError("INVALID_OPTION", message, { plugin: "yolo" });
  };
  if (!(options.valRatio >= 0 && options.valRatio <= 1)) bad(`--yolo.valRatio must be between 0 and 1, not ${options.valRatio}`);
  if (!(options.minArea >= 0)) bad(`--yolo.minArea must be ≥ 0, not ${options.minArea}`);
  if (!(options.tolerance >= 0)) bad(`--yolo.tolerance must be ≥ 0, not ${options.tolerance}`);
  if (!/^[A-Za-z0-9]+$/.test(options.imageExtension)) bad(`--yolo.imageExtension must be letters/digits such as png, not "${options.imageExtension}"`);
  if (!Number.isInteger(options.seed)) bad(`--yolo.seed must be an integer, not ${options.seed}`);
}

