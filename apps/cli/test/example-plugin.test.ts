// The example plugin package keeps its own tests (a third-party author runs them with
// `npm test` in that folder); importing them here puts them in the repository's suite too.
import "../../../examples/maskport-plugin-example/test/bbox-csv.test.ts";
