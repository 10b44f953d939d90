import { memoryUsage } from "node:process";
import { collectPastSlack } from "./v8-gc.ts";

/**
 * The slack every thread of a conversion uses: about two 512² RGB samples' worth (each
 * inflates two 0.8 MB Buffers). Kept well below V8's 8 MB minimum old-generation step: V8
 * counts external memory allocated since the last major collection against the old
 * generation's limit, so once one major collection has set a tight limit (a small live heap
 * gets live + 8 MB), a swing of 8 MB or more started incremental marking again and again.
 * Measured with --jobs 1 on 2,000 masks of 512²: 104 major collections at 8 MB, 6 at 3 MB
 * and 2 MB, 10 at 4 MB; CPU 29.2 s at 8 MB against 25.0–25.5 s at 3 MB.
 */
export const BUFFER_SLACK_MB = 3;

/**
 * Frees dead ArrayBuffers once `slackMb` of them may have gathered in this thread: call
 * `check()` after each sample (~12 µs; a scavenge of ~1 ms when due).
 *
 * Why: decoding one 512² RGB mask inflates 0.8 MB of rows into a fresh Buffer, two per sample,
 * and the Buffer's memory goes back only when V8 collects the object. V8 scavenges when the
 * young generation fills with JS objects, which per sample are few, and collects for external
 * memory only near its ~64 MB limit: measured with --jobs 1, 5 to 25 MB of ArrayBuffers were
 * alive at any time, most of them dead. A scavenge frees them as soon as they add up (peak
 * RSS of --jobs 1 on 2,000 masks: 107–121 MB without, 93–94 MB with).
 */
export function boundBufferGarbage(slackMb: number): { check(): void } {
  return collectPastSlack("minor", slackMb, () => memoryUsage().arrayBuffers);
}
