/**
 * Compares sample ids (or any names) for display the way people count: runs of digits by their
 * value, so `Y2` comes before `Y10` and `scans/2/a` before `scans/10/a`; other characters by
 * code unit (locale-free, so every machine lists the same order). Equal values with different
 * spellings (`Y01`, `Y1`) fall back to plain order, so the result is total and stable.
 */
export function compareNatural(a: string, b: string): number {
  const x = a.match(CHUNKS) ?? [];
  const y = b.match(CHUNKS) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (isDigit(p) && isDigit(q)) {
      const m = p.replace(/^0+/, "");
      const n = q.replace(/^0+/, "");
      // Compared as text by length first: digit runs longer than a double holds stay exact.
      if (m.length !== n.length) return m.length - n.length;
      if (m !== n) return m < n ? -1 : 1;
      continue;
    }
    return p < q ? -1 : 1;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- internal ---

const CHUNKS = /\d+|\D+/g;

function isDigit(chunk: string): boolean {
  const code = chunk.charCodeAt(0);
  return code >= 48 && code <= 57;
}
