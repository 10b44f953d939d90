// `npm test`: installs (frozen lockfile), builds every package (the CLI end-to-end tests
// spawn the built binary), type-checks the whole repository including the tests, then runs
// every test once with vitest.
// Extra arguments go to vitest, e.g. `npm test -- packages/core`.
import { pnpm } from "./pnpm.mjs";

pnpm("install", "--frozen-lockfile", "--reporter=silent");
pnpm("exec", "turbo", "run", "build", "--output-logs=errors-only");
if (process.argv.length <= 2) pnpm("exec", "tsc", "-p", "tsconfig.json", "--noEmit");
pnpm("exec", "vitest", "run", ...process.argv.slice(2));
