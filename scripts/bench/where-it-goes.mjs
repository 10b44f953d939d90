// Where a run's memory and CPU go (diagnostics for docs/performance.md, not a test). Load it
// before the CLI; at exit it prints, for the main thread, the peak size of each V8 heap space
// and of RSS (sampled every 20 ms), and the CPU seconds of every thread still alive (V8's
// helper threads and libuv's pool; worker threads have ended by then: see their own --trace-gc).
//
//   node --import ./scripts/bench/where-it-goes.mjs apps/cli/dist/main.js convert \
//     bench-data/mri-2000x512 --to coco --to cvat --to yolo --out /tmp/out --jobs 1
//
// Linux only (reads /proc). Changes nothing in the run it watches: no V8 flag, no collection.
import { readdirSync, readFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";
import { isMainThread } from "node:worker_threads";

const MB = 1e6;
const peak = new Map();
const note = (key, value) => peak.set(key, Math.max(peak.get(key) ?? 0, value));

function sample() {
  for (const space of getHeapSpaceStatistics()) if (space.space_size > 0) note(space.space_name, space.space_size);
  const usage = process.memoryUsage();
  note("heap total", usage.heapTotal);
  note("external", usage.external);
  note("rss", usage.rss);
}

function threadSeconds() {
  const byName = new Map();
  for (const tid of readdirSync("/proc/self/task")) {
    let stat;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, in clock ticks of 1/100 s on Linux.
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    const name = Number(tid) === process.pid ? "main" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    byName.set(name, [...(byName.get(name) ?? []), seconds]);
  }
  return [...byName].map(([name, seconds]) => `${name} ${seconds.map((s) => s.toFixed(2)).join(" + ")}`).join("; ");
}

if (isMainThread) {
  setInterval(sample, 20).unref();
  process.on("exit", () => {
    sample();
    const spaces = [...peak].map(([name, bytes]) => `${name} ${(bytes / MB).toFixed(1)}`).join(", ");
    process.stderr.write(`peak MB: ${spaces}\nCPU s by thread: ${threadSeconds()}\n`);
  });
}
