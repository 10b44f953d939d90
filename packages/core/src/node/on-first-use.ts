import { createRequire } from "node:module";

/**
 * A CommonJS dependency loaded on first use instead of at import: `from` is the importing
 * module's `import.meta.url` (the dependency resolves from there). Every format package is
 * imported by the CLI to discover plugins, and by every encode worker, so a dependency only
 * some paths need (an XML parser, a YAML writer) is load time everyone pays otherwise:
 * measured in a fresh process, fast-xml-parser 70 ms and yaml 66 ms.
 */
export function onFirstUse<Module>(from: string, specifier: string): () => Module {
  let loaded: { module: Module } | undefined;
  return () => (loaded ??= { module: createRequire(from)(specifier) as Module }).module;
}
