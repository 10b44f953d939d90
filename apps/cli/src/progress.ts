/** Progress of a run over samples. */
export interface Progress {
  start(total: number | undefined): void;
  tick(done: number): void;
  finish(): void;
}

/**
 * A progress reporter writing raw text with `write` (to stderr): `bar` redraws one line with count/total and ETA
 * (for a TTY), `lines` prints a plain line every 3 s (logs, CI), `off` is silent.
 */
export function createProgress(write: (text: string) => void, mode: "bar" | "lines" | "off"): Progress {
  let total: number | undefined;
  let started = 0;
  let lastDraw = 0;
  let lastDone = 0;
  let drawn = false;
  return {
    start(count) {
      total = count;
      started = performance.now();
    },
    tick(done) {
      lastDone = done;
      if (mode === "off") return;
      const now = performance.now();
      if (mode === "bar") {
        if (now - lastDraw < 100 && done !== total) return;
        lastDraw = now;
        drawn = true;
        write(`\r${renderBar(done, total, (now - started) / 1000)}\x1b[K`);
        return;
      }
      // Plain lines are for logs: one every few seconds on long runs, none on short ones.
      if (now - Math.max(started, lastDraw) < 3000) return;
      lastDraw = now;
      write(`${done}${total === undefined ? "" : `/${total}`} samples${eta(done, total, (now - started) / 1000)}\n`);
    },
    finish() {
      if (mode === "bar" && drawn) write(`\r${renderBar(lastDone, total, (performance.now() - started) / 1000)}\x1b[K\n`);
    },
  };
}

/** One progress-bar line: `[#####-----]  50/100  50%  ETA 3s`. */
export function renderBar(done: number, total: number | undefined, elapsedSeconds: number, width = 24): string {
  if (total === undefined || total <= 0) return `${done} samples  ${elapsedSeconds.toFixed(1)}s`;
  const fraction = Math.min(1, done / total);
  const filled = Math.round(fraction * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${Math.floor(fraction * 100)}%${eta(done, total, elapsedSeconds)}`;
}

// --- internal ---

function eta(done: number, total: number | undefined, elapsedSeconds: number): string {
  if (total === undefined || done === 0 || done >= total) return "";
  const seconds = Math.ceil((elapsedSeconds / done) * (total - done));
  return `  ETA ${seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`}`;
}
