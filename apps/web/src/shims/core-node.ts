// TEMPORARY (until the exporters and their importers import from @maskport/core's browser-safe
// root): `@maskport/core/node` for the bundle, with a browser onFirstUse (an explicit export
// wins over the star). vite.config.ts aliases `@maskport/core/node` here.
export * from "../../../../packages/core/src/node/index.ts";
export { onFirstUse } from "./on-first-use.ts";
