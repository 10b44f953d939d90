/** `--verbose` / `DEBUG=maskport`: an error with every cause under it, stack traces included. */

/** Whether the user asked for the cause chain: `--verbose` before any `--`, or `DEBUG` naming maskport (or `*`). */
export function wantsVerbose(argv: readonly string[], debug: string | undefined): boolean {
  const end = argv.indexOf("--");
  const flags = end < 0 ? argv : argv.slice(0, end);
  return flags.includes("--verbose") || (debug ?? "").split(/[\s,]+/).some((name) => name === "*" || name === "maskport" || name === "maskport:*");
}

/** `argv` without the `--verbose` flags the commands do not know. */
export function withoutVerbose(argv: readonly string[]): string[] {
  const end = argv.indexOf("--");
  return argv.filter((arg, i) => arg !== "--verbose" || (end >= 0 && i > end));
}

/** The error's stack, then each `cause` below it (a plugin's original error included), at most 10 deep. */
export function causeChain(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error, depth = 0; current !== undefined && current !== null && !seen.has(current) && depth < 10; depth++) {
    seen.add(current);
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    lines.push(depth === 0 ? text : `caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join("\n");
}
