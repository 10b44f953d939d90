/**
 * A uniform grid of ring edges for local intersection queries (internal). Edges are never
 * removed: callers check an entry is still current when they meet it.
 */
export interface SegmentGrid {
  readonly cell: number;
  /** Cell key → flat (ring, from, to) triples of the edges whose box touches the cell. */
  readonly cells: Map<number, number[]>;
}

/** An empty grid with square cells of `cell` pixels. */
export function createSegmentGrid(cell: number): SegmentGrid {
  return { cell, cells: new Map() };
}

/** Adds the edge from vertex `from` to vertex `to` of ring `ring`, spanning (ax, ay)–(bx, by). */
export function insertSegment(grid: SegmentGrid, ring: number, from: number, to: number, ax: number, ay: number, bx: number, by: number): void {
  const x0 = Math.floor(Math.min(ax, bx) / grid.cell);
  const x1 = Math.floor(Math.max(ax, bx) / grid.cell);
  const y0 = Math.floor(Math.min(ay, by) / grid.cell);
  const y1 = Math.floor(Math.max(ay, by) / grid.cell);
  for (let cx = x0; cx <= x1; cx++) {
    for (let cy = y0; cy <= y1; cy++) {
      const key = cellKey(cx, cy);
      let list = grid.cells.get(key);
      if (list === undefined) {
        list = [];
        grid.cells.set(key, list);
      }
      list.push(ring, from, to);
    }
  }
}

/** The flat (ring, from, to) lists of every cell meeting the box (an edge may repeat). */
export function cellsInBox(grid: SegmentGrid, minX: number, minY: number, maxX: number, maxY: number): number[][] {
  const lists: number[][] = [];
  const x0 = Math.floor(minX / grid.cell);
  const x1 = Math.floor(maxX / grid.cell);
  const y0 = Math.floor(minY / grid.cell);
  const y1 = Math.floor(maxY / grid.cell);
  for (let cx = x0; cx <= x1; cx++) {
    for (let cy = y0; cy <= y1; cy++) {
      const list = grid.cells.get(cellKey(cx, cy));
      if (list !== undefined) lists.push(list);
    }
  }
  return lists;
}

// --- internal ---

function cellKey(cx: number, cy: number): number {
  return (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576);
}
