import { memoryUsage } from "node:process";
import { collectPastSlack } from "./v8-gc.ts";

/** The slack every thread of a conversion uses: five 512² RGB samples' worth. */
export const BUFFER_SLACK_MB = 8;

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
