/**
 * The plugin contract: what an exporter, an importer and a transform implement.
 * Treat this file as a spec. Changing a shape here is a new API_VERSION and a major
 * release of core and of every plugin.
 */
import type { ErrorCode } from "./errors.ts";
import type { PolygonTarget, Ring } from "./geometry/types.ts";
import type { Bitmap, Fidelity, Labelmap, Sample, SampleInfo, Severity } from "./types.ts";
import type { FileSource } from "./files/file-source.ts";

/** The plugin API version this core implements. Plugins declare the one they were written for. */
export const API_VERSION = 1;

/** A per-sample or per-instance problem. Reported, not thrown: the run goes on. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: ErrorCode;
  readonly message: string;
  readonly sampleId?: string;
  readonly instanceId?: number;
  readonly file?: string;
  /** The plugin that reported it (filled in by the runner). */
  readonly plugin?: string;
}

/** A value an option can hold. The CLI parses flags by the type of the default. */
export type OptionValue = string | number | boolean;

/**
 * The spec of one option. `choices` is required exactly when the option is a union of
 * string literals, so the CLI can list and check them.
 */
export type OptionSpec<T extends OptionValue> = { readonly description: string; readonly default: T } & (0 extends 1 & T
  ? { readonly choices?: readonly T[] | undefined } // T is `any`: what a loader sees before validation
  : string extends T
  ? { readonly choices?: undefined }
  : [T] extends [string]
    ? { readonly choices: readonly T[] }
    : { readonly choices?: undefined });

/** Option specs for every key of an options interface. */
export type OptionSpecs<Options extends object> = {
  readonly [K in keyof Options]-?: Options[K] extends OptionValue ? OptionSpec<Options[K]> : never;
};

/** A file an exporter produces; `path` is relative to the output folder and uses `/`. */
export type OutputFile =
  | {
      readonly path: string;
      /** Large outputs (a COCO file with a million annotations) stream instead of sitting in memory. */
      readonly contents: string | Uint8Array | AsyncIterable<string | Uint8Array>;
    }
  | {
      readonly path: string;
      /** Absolute path of a file the runner copies (raw images). Exporters never touch the disk. */
      readonly copyFrom: string;
    };

/** How one instance was encoded and how faithfully it decodes, for reports. */
export interface InstanceFidelity extends Fidelity {
  readonly instanceId: number;
  readonly label: number;
  readonly area: number;
  /** What was written, e.g. `rle`, `polygon`, `mask`, `polygon (bridged)`. */
  readonly encoding: string;
}

/** What every exporter fragment carries, so the runner can report fidelity without knowing the format. */
export interface FragmentBase {
  readonly fidelity: readonly InstanceFidelity[];
}

/** Context of the per-sample stage. May run in a worker thread: plain data, but for `files` (each thread has its own). */
export interface EncodeContext {
  readonly labelmap: Labelmap;
  /** Where a sample's files are (`sample.image.path`); absent: the Node file system. */
  readonly files?: FileSource;
  report(diagnostic: Omit<Diagnostic, "sampleId" | "plugin">): void;
}

/**
 * One written shape as the format's own decoder reads it back (previews draw the pixels a
 * format lost or added). Full-frame: `bitmap` is the sample's width × height.
 */
export interface DecodedShape {
  /** Label id in the export's labelmap. */
  readonly label: number;
  /** The instance it was written for, when the format keeps that link. */
  readonly instanceId?: number;
  /** Decoded pixels over the whole image (row-major 0/1, sample width × height). */
  readonly bitmap: Bitmap;
  /** The polygon rings as written, in image pixels; absent for raster encodings (RLE, masks). */
  readonly polygons?: readonly Ring[];
  /** Coordinate convention of `polygons`: pixel corners (`pycocotools`) or pixel centres (`fillpoly`). */
  readonly target?: PolygonTarget;
}

/** Context of `decodeFragment`. */
export interface DecodeContext {
  readonly labelmap: Labelmap;
}

/**
 * An append-only list of strings that the runner may keep on disk. Per-sample records an
 * exporter can only write at the end (COCO image records, YOLO image lists, annotations of
 * a second subset) go here instead of into arrays, so `write` holds nothing per sample and a
 * run's memory does not grow with the number of samples.
 */
export interface Spool {
  /** Appends one record (any string, newlines included). */
  push(record: string): void;
  /** Records pushed so far. */
  readonly length: number;
  /**
   * The records in push order. Call once, after the last push: the spool is spent afterwards
   * (its disk space is freed as it ends).
   */
  drain(): AsyncIterable<string>;
}

/** Context of the sequential write stage. */
export interface WriteContext {
  readonly labelmap: Labelmap;
  readonly signal: AbortSignal;
  report(diagnostic: Omit<Diagnostic, "plugin">): void;
  /** A new, empty {@link Spool}. The runner cleans every spool up when the run ends, read or not. */
  spool(): Spool;
}

/** One encoded sample, in input order. */
export interface FragmentRecord<Fragment> {
  readonly sample: SampleInfo;
  readonly fragment: Fragment;
}

/** What `write` receives: the dataset's framing plus the fragments, in input order. */
export interface ExportInput<Fragment> {
  readonly labelmap: Labelmap;
  /** Every subset of the input, in a stable order. */
  readonly subsets: readonly string[];
  readonly fragments: AsyncIterable<FragmentRecord<Fragment>>;
}

interface PluginBase<Options extends object> {
  readonly apiVersion: typeof API_VERSION;
  /** Short id used on the command line, e.g. `coco`. */
  readonly name: string;
  readonly description: string;
  readonly options: OptionSpecs<Options>;
}

/**
 * An exporter. The split is for speed: `encodeSample` is pure, per sample and may run in a
 * worker thread (RLE, contours, verification); `write` is cheap, sequential framing (ids,
 * JSON/XML) that streams files. Output bytes must not depend on how many workers ran.
 */
export interface Exporter<Options extends object = Record<never, never>, Fragment extends FragmentBase = FragmentBase>
  extends PluginBase<Options> {
  readonly kind: "exporter";
  encodeSample(sample: Sample, options: Readonly<Options>, context: EncodeContext): Fragment | Promise<Fragment>;
  write(input: ExportInput<Fragment>, options: Readonly<Options>, context: WriteContext): AsyncIterable<OutputFile>;
  /**
   * Optional (previews, reports): decodes a fragment of this exporter back to pixels with the
   * format's own decoder, one entry per written shape, in fragment order. Pure.
   */
  decodeFragment?(fragment: Fragment, sample: SampleInfo, options: Readonly<Options>, context: DecodeContext): readonly DecodedShape[];
}

/** Context of an importer. */
export interface ImportContext {
  /** A folder of raw images (`--images`), matched to samples by stem. */
  readonly images?: string;
  /**
   * What to read the input through: the browser's picked files, or absent for the Node file
   * system. Importers use `fileSourceOf(context)`; refs carry paths of this source.
   */
  readonly files?: FileSource;
  /**
   * `load` when the caller only calls `load` with refs from another `read` of the same input
   * (a worker thread of the CLI): an importer may then skip listing the samples, and its
   * `refs`, `subsets` and `size` are not used. Default `list`. Ignoring it is always correct.
   */
  readonly purpose?: "list" | "load";
  report(diagnostic: Omit<Diagnostic, "plugin">): void;
}

/**
 * A dataset as an importer exposes it: cheap plain-data refs in output order, and a
 * `load` that turns one ref into a sample. Only one sample's pixels are in memory at a
 * time; refs are structured-cloneable so a worker that re-opens the dataset can load them.
 */
export interface Dataset<Ref = unknown> {
  readonly labelmap: Labelmap;
  readonly subsets: readonly string[];
  /** The number of samples, when known up front (for progress). */
  readonly size?: number;
  refs(): AsyncIterable<Ref>;
  load(ref: Ref): Promise<Sample>;
}

/** An importer: detects and reads one input format through a {@link FileSource}. */
export interface Importer<Options extends object = Record<never, never>> extends PluginBase<Options> {
  readonly kind: "importer";
  /** Whether `input` (a file or folder) looks like this format. Must not throw for other formats. */
  detect(input: string, files?: FileSource): Promise<boolean>;
  read(input: string, options: Readonly<Options>, context: ImportContext): Promise<Dataset>;
}

/** Context of a transform. */
export interface TransformContext {
  /** The labelmap of the samples this transform receives. */
  readonly labelmap: Labelmap;
  report(diagnostic: Omit<Diagnostic, "sampleId" | "plugin">): void;
}

/** A transform between reading and writing: sample in, sample out. Pure. */
export interface Transform<Options extends object = Record<never, never>> extends PluginBase<Options> {
  readonly kind: "transform";
  /** The labelmap after this transform (remap, merge, drop). Identity when omitted. */
  labelmap?(labelmap: Labelmap, options: Readonly<Options>): Labelmap;
  apply(sample: Sample, options: Readonly<Options>, context: TransformContext): Sample;
}

/** Any plugin. */
// biome-ignore lint: the any-options forms are what a loader sees before validation.
export type Plugin = Exporter<any, any> | Importer<any> | Transform<any>;

/** The plugin kinds. */
export type PluginKind = Plugin["kind"];
