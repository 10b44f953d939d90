import { fileURLToPath } from "node:url";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";

// TEMPORARY: modules the bundled packages import that still use Node built-ins, tolerated (Vite
// stubs the built-ins; calling one throws) until they read through a FileSource. Each is an
// importer the page never calls, or a part of core's Node entry (see apps/web/README.md).
const NODE_TOLERATED = [
  // core's Node entry, which the exporters' remaining Node-side modules import (aliased to src/shims/core-node.ts)
  ...["exif-orientation", "file-spool", "image-size", "node-files", "on-first-use"].map((name) => `packages/core/src/node/${name}.ts`),
  "packages/exporter-cvat/src/cvat-importer.ts",
  "packages/exporter-cvat/src/find-raw-image.ts",
  "packages/exporter-semantic/src/dataset-json.ts",
  "packages/exporter-semantic/src/load-index-sample.ts",
  "packages/exporter-semantic/src/monai-importer.ts",
  "packages/exporter-semantic/src/nnunet-importer.ts",
  "packages/exporter-semantic/src/semantic-importer.ts",
];

// Relative URLs (`base: "./"`): the built page works from any sub-path of any static server.
// Workspace packages are bundled from their TypeScript sources (the "source" export condition).
export default defineConfig({
  base: "./",
  resolve: {
    conditions: ["source", ...defaultClientConditions],
    alias: {
      // A bundle cannot require by name: onFirstUse's lazily loaded dependencies are imported up front.
      "@maskport/core/on-first-use": fileURLToPath(new URL("./src/on-first-use.ts", import.meta.url)),
      // TEMPORARY: importers, nnunet and its raw-image reader still import core's Node entry.
      "@maskport/core/node": fileURLToPath(new URL("./src/shims/core-node.ts", import.meta.url)),
    },
  },
  worker: { format: "es", plugins: () => [noNodeBuiltins(true)] },
  plugins: [noNodeBuiltins(false)],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", reportCompressedSize: false },
});

// TEMPORARY: nnunet's raw-image reader calls readFileSync; it gets the picked files instead.
const NODE_REDIRECTED: Readonly<Record<string, string>> = {
  "packages/exporter-semantic/src/read-raw-image.ts node:fs": fileURLToPath(new URL("./src/shims/picked-fs.ts", import.meta.url)),
};

/**
 * Fails the build when browser code imports a Node built-in (Vite would stub it and the page break
 * at run time), but for NODE_TOLERATED and NODE_REDIRECTED; warns of tolerated modules that no
 * longer import one (`reportStale`: the worker build, which bundles them).
 */
function noNodeBuiltins(reportStale: boolean): Plugin {
  const repo = fileURLToPath(new URL("../../", import.meta.url));
  const seen = new Set<string>();
  return {
    name: "maskport-no-node-builtins",
    enforce: "pre",
    buildEnd() {
      const stale = NODE_TOLERATED.filter((module) => !seen.has(module));
      if (reportStale && stale.length > 0) this.warn(`NODE_TOLERATED lists modules that import no Node built-in any more: ${stale.join(", ")}`);
    },
    resolveId(id, importer) {
      if (!id.startsWith("node:")) return null;
      const from = importer?.startsWith(repo) ? importer.slice(repo.length) : (importer ?? "?");
      seen.add(from);
      const redirect = NODE_REDIRECTED[`${from} ${id}`];
      if (redirect !== undefined) return redirect;
      if (!NODE_TOLERATED.includes(from)) this.error(`${from} imports ${id}: the page runs in a browser (import a browser-safe module instead)`);
      return null;
    },
  };
}
