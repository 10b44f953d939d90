import { MaskportError } from "@maskport/core";

/**
 * `JSON.parse` that fails with a MaskportError `INVALID_INPUT` naming the file, line and
 * column of the first syntax error (Node 20's own messages often give no position).
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text) ?? 0;
    const { line, column } = lineAndColumn(text, offset);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MaskportError("INVALID_INPUT", `not valid JSON at line ${line}, column ${column} (offset ${offset}): ${reason}`, {
      file,
      line,
      cause: error,
    });
  }
}

/** The offset of the first JSON syntax error in `text`, or undefined when it is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.space();
    if (scanner.at < text.length) throw SYNTAX;
    return undefined;
  } catch (error) {
    if (error !== SYNTAX) throw error;
    return Math.min(scanner.at, text.length);
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

// --- internal ---

const SYNTAX = Symbol("syntax");
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** A JSON syntax checker that stops where the text stops being JSON. Only used on the error path. */
class Scanner {
  at = 0;
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  space(): void {
    const { text } = this;
    while (this.at < text.length) {
      const c = text.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.at++;
    }
  }

  /**
   * One value, containers included. Iterative, with the open containers as a byte stack
   * (1 = object, 0 = array): a recursive scanner overflows the call stack on a hostile file
   * nested a hundred thousand levels deep, which `JSON.parse` itself reads.
   */
  value(): void {
    const { text } = this;
    let open = new Uint8Array(64);
    let depth = 0;
    for (;;) {
      // A value starts here.
      this.space();
      const c = text[this.at];
      if (c === "{" || c === "[") {
        const object = c === "{";
        this.at++;
        this.space();
        if (text[this.at] !== (object ? "}" : "]")) {
          if (depth === open.length) {
            const grown = new Uint8Array(open.length * 2);
            grown.set(open);
            open = grown;
          }
          open[depth++] = object ? 1 : 0;
          if (object) this.key();
          continue; // to the container's first value
        }
        this.at++; // an empty container is a whole value
      } else this.scalar();
      // A value ended: close containers until one goes on with a comma.
      for (;;) {
        if (depth === 0) return;
        this.space();
        const object = open[depth - 1] === 1;
        const next = text[this.at];
        if (next === (object ? "}" : "]")) {
          this.at++;
          depth--;
          continue;
        }
        if (next !== ",") throw SYNTAX;
        this.at++;
        if (object) this.key();
        break;
      }
    }
  }

  /** `"name" :` of an object member, before its value. */
  key(): void {
    this.space();
    if (this.text[this.at] !== '"') throw SYNTAX;
    this.string();
    this.space();
    if (this.text[this.at] !== ":") throw SYNTAX;
    this.at++;
  }

  /** A string, `true`, `false`, `null` or a number. */
  scalar(): void {
    if (this.text[this.at] === '"') return this.string();
    for (const literal of ["true", "false", "null"]) {
      if (this.text.startsWith(literal, this.at)) {
        this.at += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = this.at;
    if (NUMBER.exec(this.text) === null) throw SYNTAX;
    this.at = NUMBER.lastIndex;
  }

  string(): void {
    const { text } = this;
    this.at++;
    for (;;) {
      if (this.at >= text.length) throw SYNTAX;
      const c = text.charCodeAt(this.at);
      if (c === 0x22) {
        this.at++;
        return;
      }
      if (c < 0x20) throw SYNTAX;
      if (c === 0x5c) {
        const next = text[this.at + 1];
        if (next === "u") {
          HEX4.lastIndex = this.at + 2;
          if (HEX4.exec(text) === null) throw SYNTAX;
          this.at += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) throw SYNTAX;
        this.at += 2;
        continue;
      }
      this.at++;
    }
  }
}
