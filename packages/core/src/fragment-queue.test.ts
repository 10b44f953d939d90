import { describe, expect, it } from "vitest";
import { FragmentQueue } from "./fragment-queue.ts";

describe("FragmentQueue", () => {
  it("yields in push order, blocks a push when full, and ends on close", async () => {
    const queue = new FragmentQueue<number>(2);
    await queue.push(1);
    await queue.push(2);
    let third = false;
    const pending = queue.push(3).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(false);
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const item of queue) seen.push(item);
    })();
    await pending;
    queue.close();
    await consumer;
    expect(seen).toEqual([1, 2, 3]);
  });
  it("fail rejects both the reader and a waiting push", async () => {
    const queue = new FragmentQueue<number>(1);
    await queue.push(1);
    const waiting = queue.push(2);
    queue.fail(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await expect(
      (async () => {
        for await (const _ of queue);
      })(),
    ).rejects.toThrow("stop");
  });
  it("drops pushes once the reader stopped early", async () => {
    const queue = new FragmentQueue<number>(1);
    await queue.push(1);
    for await (const _ of queue) break;
    await queue.push(2);
    await queue.push(3); // would block forever if not abandoned
  });
  it("lets several producers wait for room and wakes them all (the web page's writers share one zip queue)", async () => {
    const queue = new FragmentQueue<number>(1);
    await queue.push(0);
    const pushes = [1, 2, 3].map((n) => queue.push(n));
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const item of queue) seen.push(item);
    })();
    await Promise.all(pushes);
    queue.close();
    await consumer;
    expect(seen.sort()).toEqual([0, 1, 2, 3]);
  });
});
