import { MaskportError, type Exporter, type Importer, type PluginKind, type Transform } from "@maskport/core";
import { FIRST_PARTY, type PluginSet } from "./discover-plugins.ts";
import type { LoadedPlugin } from "./load-plugin.ts";

/** A loaded plugin of a known kind. */
export interface Found<P> {
  readonly plugin: P;
  readonly loaded: LoadedPlugin;
}

type ByKind = { exporter: Exporter<any, any>; importer: Importer<any>; transform: Transform<any> };

/**
 * The plugin of `kind` called `name`, first in priority order (`--plugin`, packages, built-ins).
 * @throws MaskportError the broken package's own error when a broken package looks like it
 *   provides `name`; otherwise `PLUGIN_NOT_FOUND` with the install command for first-party formats
 */
export function findPlugin<K extends PluginKind>(set: PluginSet, kind: K, name: string): Found<ByKind[K]> {
  const loaded = set.plugins.find((entry) => entry.plugin.kind === kind && entry.plugin.name === name);
  if (loaded !== undefined) return { plugin: loaded.plugin as ByKind[K], loaded };
  const broken = set.broken.find((entry) => guessFormatName(entry.request) === name);
  if (broken !== undefined) throw broken.error;
  const available = namesOf(set, kind);
  const firstParty = FIRST_PARTY[name];
  const what = kind === "exporter" ? "output format" : kind === "importer" ? "input format" : "transform";
  if (firstParty !== undefined && kind !== "transform") {
    throw new MaskportError("PLUGIN_NOT_FOUND", `the ${what} ${name} is not installed`, {
      // Not on the npm registry yet: name the tarball `npm run pack` makes in a maskport clone.
      hint: `Install it in your project from the tarball \`npm run pack\` writes in a maskport clone: npm install -D <clone>/dist-packages/${firstParty.replace("@", "").replace("/", "-")}-<version>.tgz (${firstParty} is not on the npm registry yet).`,
    });
  }
  const brokenNote = set.broken.length > 0 ? ` Broken plugins (see \`maskport plugins\`): ${set.broken.map((b) => b.request).join(", ")}.` : "";
  throw new MaskportError("PLUGIN_NOT_FOUND", `unknown ${what} "${name}"`, {
    hint: `${available.length > 0 ? `Available: ${available.join(", ")}.` : `No ${what} plugin is installed.`}${brokenNote}`,
  });
}

/** The distinct names of every plugin of `kind`, sorted. */
export function namesOf(set: PluginSet, kind: PluginKind): string[] {
  return [...new Set(set.plugins.filter((entry) => entry.plugin.kind === kind).map((entry) => entry.plugin.name))].sort();
}

/** The format a plugin package probably provides, from its name (`@maskport/exporter-coco` → `coco`). */
export function guessFormatName(request: string): string {
  const base = request.replace(/^@[^/]+\//, "").replace(/\.[cm]?js$/, "");
  const last = base.split(/[\\/]/).pop() ?? base;
  return last.replace(/^(exporter-|maskport-plugin-|maskport-exporter-)/, "");
}
