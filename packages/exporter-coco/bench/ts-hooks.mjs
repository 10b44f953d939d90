import { readFile } from "node:fs/promises";
import ts from "typescript";

/** Transpiles `.ts` modules (types erased only; no type checking). */
export async function load(url, context, nextLoad) {
  if (!url.endsWith(".ts")) return nextLoad(url, context);
  const source = await readFile(new URL(url), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    fileName: url,
  });
  return { format: "module", source: outputText, shortCircuit: true };
}
