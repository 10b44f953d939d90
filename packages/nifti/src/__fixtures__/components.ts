/** An independent count of 8-connected components of equal non-zero value (breadth-first flood fill). */
export function componentCount(raster: ArrayLike<number>, width: number, height: number): { count: number; sizes: number[]; owner: Int32Array } {
  const owner = new Int32Array(width * height).fill(-1);
  const sizes: number[] = [];
  for (let start = 0; start < width * height; start++) {
    const value = raster[start] as number;
    if (value === 0 || owner[start] !== -1) continue;
    const id = sizes.length;
    let size = 0;
    const queue = [start];
    owner[start] = id;
    while (queue.length > 0) {
      const p = queue.pop() as number;
      size++;
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (owner[q] === -1 && raster[q] === value) {
            owner[q] = id;
            queue.push(q);
          }
        }
    }
    sizes.push(size);
  }
  return { count: sizes.length, sizes, owner };
}

/** A deterministic pseudo-random label volume with blobs and single-voxel specks (values from `labels`). */
export function blobVolume(shape: readonly [number, number, number], labels: readonly number[], seed = 1): number[] {
  let state = seed;
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const [nx, ny, nz] = shape;
  const values = Array.from({ length: nx * ny * nz }, () => 0);
  for (let blob = 0; blob < 6; blob++) {
    const cx = random() * nx;
    const cy = random() * ny;
    const cz = random() * nz;
    const r = 1 + random() * 3;
    const label = labels[blob % labels.length] as number;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) if ((i - cx) ** 2 + (j - cy) ** 2 + ((k - cz) * 1.5) ** 2 <= r * r) values[i + nx * (j + ny * k)] = label;
  }
  for (let speck = 0; speck < 10; speck++) values[Math.floor(random() * values.length)] = labels[speck % labels.length] as number;
  return values;
}
