// In Node, importers given no `files` read the disk (package.json maps #default-files here).
export { nodeFiles as defaultFiles } from "./node-files.ts";
