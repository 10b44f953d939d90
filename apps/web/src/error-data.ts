import { isMaskportError, serializeError } from "@maskport/core";
import type { ErrorData } from "./worker-protocol.ts";

/** An error as plain data that crosses postMessage: a MaskportError's fields as core serialises them, else the message. */
export function errorData(error: unknown): ErrorData {
  return isMaskportError(error) ? serializeError(error) : { message: error instanceof Error ? error.message : String(error) };
}
