import { isMaskportError } from "@maskport/core";
import type { ErrorData } from "./worker-protocol.ts";

/** An error as plain data that crosses postMessage: a MaskportError's code, message, file, hint, sample and plugin, else the message. */
export function errorData(error: unknown): ErrorData {
  if (isMaskportError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.file === undefined ? {} : { file: error.file }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.sampleId === undefined ? {} : { sampleId: error.sampleId }),
      ...(error.plugin === undefined ? {} : { plugin: error.plugin }),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
