/**
 * One error type for everything maskport reports. Checked with a `Symbol.for` brand rather
 * than `instanceof`, so an error thrown by a plugin's copy of core is recognised by the
 * CLI's copy.
 */

/** Every stable error code. Add new ones here; never rename one. */
export type ErrorCode =
  // labelmap
  | "LABELMAP_MISSING"
  | "LABELMAP_MALFORMED"
  | "LABELMAP_BAD_COLOR"
  | "LABELMAP_DUPLICATE_NAME"
  | "LABELMAP_DUPLICATE_COLOR"
  | "LABELMAP_DUPLICATE_ID"
  // pixels and files
  | "PNG_UNREADABLE"
  | "IMAGE_TOO_LARGE"
  | "MASK_NOT_PNG"
  | "UNKNOWN_COLOR"
  | "UNKNOWN_VALUE"
  | "SIZE_MISMATCH"
  | "IMAGE_SIZE_MISMATCH"
  | "OBJECT_WITHOUT_CLASS"
  | "CLASS_DISAGREEMENT"
  | "TOO_MANY_INSTANCES"
  | "EMPTY_DATASET"
  | "EMPTY_SPLIT"
  | "INPUT_NOT_FOUND"
  | "UNKNOWN_INPUT_FORMAT"
  | "INVALID_INPUT"
  | "INVALID_MASK"
  | "TOO_MANY_LABELS"
  | "IMAGE_MISSING"
  | "IMAGE_UNREADABLE"
  | "ID_COLLISION"
  | "UNSAFE_NAME"
  | "VOLUME_GEOMETRY"
  // encoding quality
  | "LOSSY_ENCODING"
  | "INSTANCE_DROPPED"
  | "SHAPE_SKIPPED"
  | "MASK_MODIFIED"
  | "INSTANCES_OVERLAP"
  | "CROWD_FLAG_CHANGED"
  // plugins and options
  | "INVALID_OPTION"
  | "PLUGIN_NOT_FOUND"
  | "PLUGIN_INVALID"
  | "API_VERSION_MISMATCH"
  | "PLUGIN_FAILED"
  // output
  | "OUTPUT_EXISTS"
  | "OUTPUT_PATH_ESCAPES"
  | "OUTPUT_WRITE_FAILED"
  | "OUTPUT_NOT_WRITABLE"
  | "OUTPUT_INSIDE_INPUT"
  | "STRICT_FAILED";

/** Where in a file (and, for pixels, where in the image) a problem is. */
export interface ErrorLocation {
  /** The file concerned, as the user named it or as found on disk. */
  readonly file?: string;
  /** 1-based line, for text inputs. */
  readonly line?: number;
  /** First offending pixel, for pixel problems. */
  readonly pixel?: { readonly x: number; readonly y: number };
}

export interface MaskportErrorOptions extends ErrorLocation {
  readonly cause?: unknown;
  /** What the user can do about it. */
  readonly hint?: string;
  /** The plugin that raised or caused it. */
  readonly plugin?: string;
  /** What the plugin was doing (`load`, `encodeSample`…). */
  readonly stage?: PluginStage;
  readonly sampleId?: string;
}

/** The plugin calls a run makes, named as in the plugin contract. */
export type PluginStage = "detect" | "read" | "load" | "apply" | "encodeSample" | "write";

const BRAND = Symbol.for("maskport.error");

/** The one error class. Its message already names the file/line/pixel it is about. */
export class MaskportError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly pixel: { readonly x: number; readonly y: number } | undefined;
  readonly hint: string | undefined;
  readonly plugin: string | undefined;
  readonly stage: PluginStage | undefined;
  readonly sampleId: string | undefined;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, options: MaskportErrorOptions = {}) {
    super(formatMessage(message, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MaskportError";
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.pixel = options.pixel;
    this.hint = options.hint;
    this.plugin = options.plugin;
    this.stage = options.stage;
    this.sampleId = options.sampleId;
  }
}

/** Brand check that survives duplicated copies of `@maskport/core`. */
export function isMaskportError(value: unknown): value is MaskportError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** A plain-data form of an error, for crossing worker boundaries and for `--json`. */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly pixel?: { readonly x: number; readonly y: number };
  readonly hint?: string;
  readonly plugin?: string;
  readonly stage?: PluginStage;
  readonly sampleId?: string;
}

/** Turns an error into plain data (the message is kept exactly as formatted). */
export function serializeError(error: MaskportError): SerializedError {
  return {
    code: error.code,
    message: error.message,
    ...(error.file === undefined ? {} : { file: error.file }),
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.pixel === undefined ? {} : { pixel: error.pixel }),
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.plugin === undefined ? {} : { plugin: error.plugin }),
    ...(error.stage === undefined ? {} : { stage: error.stage }),
    ...(error.sampleId === undefined ? {} : { sampleId: error.sampleId }),
  };
}

/** Rebuilds an error from {@link serializeError}'s output without formatting the message twice. */
export function deserializeError(data: SerializedError): MaskportError {
  const error = new MaskportError(data.code, "", {});
  error.message = data.message;
  Object.assign(error, {
    file: data.file,
    line: data.line,
    pixel: data.pixel,
    hint: data.hint,
    plugin: data.plugin,
    stage: data.stage,
    sampleId: data.sampleId,
  });
  return error;
}

// --- internal ---

function formatMessage(message: string, options: MaskportErrorOptions): string {
  const where: string[] = [];
  if (options.file !== undefined) where.push(options.line === undefined ? options.file : `${options.file}:${options.line}`);
  if (options.pixel !== undefined) where.push(`pixel (x=${options.pixel.x}, y=${options.pixel.y})`);
  const prefix = options.plugin === undefined ? "" : `[${options.plugin}] `;
  return `${prefix}${where.length > 0 ? `${where.join(", ")}: ` : ""}${message}`;
}
