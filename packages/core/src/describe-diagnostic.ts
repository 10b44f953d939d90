import type { Diagnostic } from "./plugin.ts";

/** A diagnostic on one line, as a failed run quotes its first error: `[plugin] sample: message (CODE)`. */
export function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.plugin === undefined ? "" : `[${diagnostic.plugin}]`, diagnostic.sampleId ?? ""].filter((part) => part !== "").join(" ");
  return `${where === "" ? "" : `${where}: `}${diagnostic.message} (${diagnostic.code})`;
}
