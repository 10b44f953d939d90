import { defaultClientConditions, defineConfig } from "vite";

// Relative URLs (`base: "./"`): the built page works from any sub-path of any static server.
// Workspace packages are bundled from their TypeScript sources (the "source" export condition).
export default defineConfig({
  base: "./",
  resolve: { conditions: ["source", ...defaultClientConditions] },
  worker: { format: "es" },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", reportCompressedSize: false },
});
