import { isMaskportError, type MaskportError } from "../../errors.ts";

/** The MaskportError `run` throws; anything else it throws is rethrown, and not throwing fails. */
export function caught(run: () => unknown): MaskportError {
  try {
    run();
  } catch (error) {
    if (isMaskportError(error)) return error;
    throw error;
  }
  throw new Error("expected a MaskportError");
}
