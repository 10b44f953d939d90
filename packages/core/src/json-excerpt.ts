/**
 * JSON text of a value read from an input, for error messages: at most `max` characters, and
 * never a stack overflow (`JSON.stringify` recurses, and a hostile file can nest a value a
 * hundred thousand levels deep). Browser-safe.
 */
export function jsonExcerpt(value: unknown, max = 80): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Too deeply nested to stringify (RangeError): say what kind of value it is.
    text = Array.isArray(value) ? "[…]" : typeof value === "object" && value !== null ? "{…}" : String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
