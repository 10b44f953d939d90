// Minimal ESM hook so the benchmark runs on the TypeScript sources under Node 20 (no build):
// `node --conditions=source --import ./bench/ts-loader.mjs bench/stream-memory.ts`.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
