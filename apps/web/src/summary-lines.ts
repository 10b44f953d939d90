/** The per-format numbers the page shows after a run (the CLI's fidelity summary). */
export interface FormatSummary {
  readonly format: string;
  readonly instances: number;
  readonly exact: number;
  readonly lossy: number;
  readonly worstIou: number;
  readonly files: number;
  readonly bytes: number;
}

/** The test-facing summary line: `coco: 17 instances, 17 exact`. */
export function summaryLine(summary: FormatSummary): string {
  return `${summary.format}: ${summary.instances} instances, ${summary.exact} exact`;
}

/** The details beside it: lossy count, worst IoU (as the CLI prints it), files and size. */
export function summaryDetails(summary: FormatSummary): string {
  const iou = summary.worstIou === 1 ? "1" : summary.worstIou.toFixed(4);
  return `${summary.lossy} lossy, worst IoU ${iou}; ${summary.files} file${summary.files === 1 ? "" : "s"}, ${formatBytes(summary.bytes)}`;
}

/** `1.2 MB`, `340 kB`, `12 B` (powers of 1000, as browsers show downloads). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1000;
    unit++;
  } while (value >= 1000 && unit < units.length - 1);
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
