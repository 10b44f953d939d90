// `@maskport/core/on-first-use` for the page (vite.config.ts aliases it here): Node's version
// requires a dependency by name on first use; a bundle cannot, so the few the bundled exporters
// load that way are imported here, up front.
import * as fastXmlParser from "fast-xml-parser";
import jpegJs from "jpeg-js";
import * as yaml from "yaml";

const MODULES: Readonly<Record<string, unknown>> = { "fast-xml-parser": fastXmlParser, "jpeg-js": jpegJs, yaml };

/** The module `specifier`, from those bundled above. */
export function onFirstUse<Module>(_from: string, specifier: string): () => Module {
  const module = MODULES[specifier];
  if (module === undefined) throw new Error(`${specifier} is not bundled into the page (apps/web/src/on-first-use.ts)`);
  return () => module as Module;
}
