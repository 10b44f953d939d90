// TEMPORARY (until the importers the exporter packages bundle, nnunet and its raw-image reader
// import from @maskport/core's browser-safe root): `@maskport/core/node` for the bundle, with the
// page's onFirstUse (an explicit export wins over the star). vite.config.ts aliases it here.
export * from "../../../../packages/core/src/node/index.ts";
export { onFirstUse } from "../on-first-use.ts";
