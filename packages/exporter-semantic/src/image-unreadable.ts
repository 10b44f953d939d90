/** The IMAGE_UNREADABLE error of raw-image decoding, and the reason text it quotes. */
import { MaskportError } from "@maskport/core";

/** IMAGE_UNREADABLE for `shownAs`, with a hint and, when there is one, the error behind it. */
export function unreadable(shownAs: string, message: string, hint: string, cause?: unknown): MaskportError {
  return new MaskportError("IMAGE_UNREADABLE", message, { file: shownAs, hint, ...(cause === undefined ? {} : { cause }) });
}

/** The message of a thrown value, for quoting in our own errors. */
export function reason(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
