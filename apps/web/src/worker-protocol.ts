import type { FormatSummary } from "./summary-lines.ts";

/** A picked file at its `/`-separated absolute path (`"/" + webkitRelativePath`). */
export interface PickedFile {
  readonly path: string;
  readonly blob: Blob;
}

/** Where the zip goes: a Blob handed back for the download link, or straight into a file the user picked. */
export type ZipDestination = { readonly kind: "blob" } | { readonly kind: "file"; readonly handle: FileSystemFileHandle };

/** Page → worker. */
export type WorkerRequest =
  | {
      readonly type: "convert";
      /** The mask dataset folder's files. */
      readonly folder: readonly PickedFile[];
      /** The raw images folder's files (`--images`), when one was picked. */
      readonly images?: readonly PickedFile[];
      readonly formats: readonly string[];
      readonly destination: ZipDestination;
    }
  | {
      readonly type: "preview";
      /** Index of the sample in input order. */
      readonly sample: number;
      /** Format whose decoded output is drawn; absent: the masks alone. */
      readonly format?: string;
    };

/** An error as plain data (a MaskportError's fields, or a bare message). */
export interface ErrorData {
  readonly code?: string;
  readonly message: string;
  readonly file?: string;
  readonly hint?: string;
  readonly sampleId?: string;
  readonly plugin?: string;
}

/** A diagnostic as the page lists it. */
export interface DiagnosticData {
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly sampleId?: string;
  readonly plugin?: string;
}

/** Worker → page. */
export type WorkerEvent =
  | { readonly type: "start"; readonly total: number | undefined }
  | { readonly type: "progress"; readonly done: number; readonly total: number | undefined }
  | { readonly type: "diagnostic"; readonly diagnostic: DiagnosticData }
  | {
      readonly type: "done";
      readonly samples: number;
      readonly summary: readonly FormatSummary[];
      /** The zip, when the destination was `blob`. */
      readonly zip?: Blob;
      /** The first samples' ids (1000 at most), in input order, for the preview picker. */
      readonly sampleIds: readonly string[];
      readonly warnings: number;
      readonly notes: number;
      readonly seconds: number;
    }
  | { readonly type: "error"; readonly error: ErrorData }
  | { readonly type: "preview"; readonly width: number; readonly height: number; readonly pixels: Uint8ClampedArray<ArrayBuffer>; readonly lost: number; readonly added: number; readonly note?: string }
  | { readonly type: "preview-error"; readonly error: ErrorData };
