import { fileURLToPath } from "node:url";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";

// Relative URLs (`base: "./"`): the built page works from any sub-path of any static server.
// Workspace packages are bundled from their TypeScript sources (the "source" export condition).
export default defineConfig({
  base: "./",
  resolve: {
    conditions: ["source", ...defaultClientConditions],
  },
  worker: { format: "es", plugins: () => [noNodeBuiltins()] },
  plugins: [noNodeBuiltins()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", reportCompressedSize: false },
});

/** Fails the build when browser code imports a Node built-in (Vite would stub it and the page break at run time). */
function noNodeBuiltins(): Plugin {
  const repo = fileURLToPath(new URL("../../", import.meta.url));
  return {
    name: "maskport-no-node-builtins",
    enforce: "pre",
    resolveId(id, importer) {
      if (!id.startsWith("node:")) return null;
      const from = importer?.startsWith(repo) ? importer.slice(repo.length) : (importer ?? "?");
      this.error(`${from} imports ${id}: the page runs in a browser (import a browser-safe module instead)`);
    },
  };
}
