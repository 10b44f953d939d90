import { MaskportError } from "@maskport/core";

/** A parsed `--transform` value. Option values stay strings; `resolveOptions` parses them. */
export interface TransformSpec {
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
}

/**
 * Parses `name[:key=value[,key=value…]]`. A comma-separated piece that does not start with
 * one of `optionKeys` (the transform's declared options) followed by `=` continues the
 * previous value, so list values need no quoting: `drop-labels:labels=edema,necrosis` gives
 * `{ labels: "edema,necrosis" }` and `remap-labels:map=edema=tumor,necrosis=tumor` gives
 * `{ map: "edema=tumor,necrosis=tumor" }`. Without `optionKeys` every `k=v` piece is a key.
 * @throws MaskportError `INVALID_OPTION` for a bad name, a missing key or a repeated key
 */
export function parseTransformSpec(spec: string, optionKeys?: readonly string[]): TransformSpec {
  const colon = spec.indexOf(":");
  const name = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const bad = (why: string): MaskportError =>
    new MaskportError("INVALID_OPTION", `--transform "${spec}": ${why}`, {
      hint: "Write --transform <name>[:key=value[,key=value…]], e.g. --transform min-area:pixels=20",
    });
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw bad("the transform name must be a lowercase id");
  const options: Record<string, string> = {};
  if (colon < 0) return { name, options };
  let lastKey: string | undefined;
  for (const piece of spec.slice(colon + 1).split(",")) {
    const equals = piece.indexOf("=");
    const isKey = equals >= 0 && (optionKeys === undefined || lastKey === undefined || optionKeys.includes(piece.slice(0, equals).trim()));
    if (!isKey) {
      if (lastKey === undefined) throw bad(`"${piece}" is not key=value`);
      options[lastKey] = `${options[lastKey]},${piece}`;
      continue;
    }
    const key = piece.slice(0, equals).trim();
    if (key === "") throw bad(`"${piece}" has no key`);
    if (key in options) throw bad(`option ${key} is given twice`);
    options[key] = piece.slice(equals + 1);
    lastKey = key;
  }
  return { name, options };
}
