// `npm test`: installs (frozen lockfile), builds every package (the CLI end-to-end tests
// spawn the built binary), then runs every test once with vitest.
// Extra arguments go to vitest, e.g. `npm test -- packages/core`.
import { pnpm } from "./pnpm.mjs";

pnpm("install", "--frozen-lockfile", "--reporter=silent");
pnpm("exec", "turbo", "run", "build", "--output-logs=errors-only");
pnpm("exec", "vitest", "run", ...process.argv.slice(2));
