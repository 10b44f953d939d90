import { defineConfig } from "vitest/config";

// One root config: every package's tests, resolving workspace packages to their
// TypeScript sources (the "source" export condition) so tests never need a build,
// except the CLI end-to-end tests, which spawn the built binary on purpose.
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/*/src/**/*.test.ts", "apps/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
