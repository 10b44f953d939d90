import { MaskportError } from "@maskport/core";

/** A parsed `--transform` value. Option values stay strings; `resolveOptions` parses them. */
export interface TransformSpec {
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
}

/**
 * Parses `name[:key=value[,key=value…]]`. A comma-separated piece without `=` continues the
 * previous value, so list values need no quoting: `drop-labels:labels=edema,necrosis`
 * gives `{ labels: "edema,necrosis" }`.
 * @throws MaskportError `INVALID_OPTION` for an empty name, a missing key or a repeated key
 */
export function parseTransformSpec(spec: string): TransformSpec {
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
    if (equals < 0) {
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
