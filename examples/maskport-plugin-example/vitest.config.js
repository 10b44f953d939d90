// Its own config, so `npm test` in this folder runs only this package's tests on vitest defaults.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["test/**/*.test.ts"] } });
