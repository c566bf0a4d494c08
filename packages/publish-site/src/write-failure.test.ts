// A write that fails midway: the build (and the publisher) report it only once nothing they
// started is still writing — no file or directory appears after the promise settled.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { PublishedItem } from "@sanxiang/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildSite } from "./build.js";
import { decision, noticeOf, SITE } from "./fixtures.test-support.js";
import { sitePublisher } from "./publisher.js";
import { removeDir, tempDir } from "./tree.test-support.js";
import { writerIo } from "./writer.js";

const NOW = "2026-04-15T00:00:00Z";
let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  vi.restoreAllMocks();
  removeDir(dir);
});

/** Every file and directory under `root` (state directory included), sorted. */
function listing(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out.push(`${relative(root, p).split(sep).join("/")}${e.isDirectory() ? "/" : ""}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out.sort();
}

const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Makes every file operation of the writer slow and the `failAt`-th file write fail (ENOSPC);
 * counts the operations in progress and those started after `settled()` was called.
 */
function slowDisk(failAt: number, failMove?: (target: string) => boolean) {
  let active = 0;
  let writes = 0;
  let done = false;
  let lateStarts = 0;
  const wrap =
    <A extends unknown[]>(f: (...a: A) => Promise<void>, fail?: (...a: A) => boolean) =>
    async (...a: A): Promise<void> => {
      if (done) lateStarts += 1;
      active += 1;
      try {
        await tick(2);
        if (fail?.(...a) === true)
          throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        await f(...a);
      } finally {
        active -= 1;
      }
    };
  const io = { ...writerIo };
  vi.spyOn(writerIo, "writeBytes").mockImplementation(wrap(io.writeBytes, () => ++writes === failAt));
  let moveFailed = false;
  vi.spyOn(writerIo, "move").mockImplementation(
    wrap(io.move, (_from: string, to: string) => {
      if (moveFailed || failMove?.(to) !== true) return false;
      moveFailed = true;
      return true;
    }),
  );
  vi.spyOn(writerIo, "makeDir").mockImplementation(wrap(io.makeDir));
  vi.spyOn(writerIo, "remove").mockImplementation(wrap(io.remove));
  return {
    settled: () => {
      done = true;
      return active;
    },
    lateStarts: () => lateStarts,
    writes: () => writes,
  };
}

const manyItems = (): PublishedItem[] =>
  Array.from({ length: 240 }, (_, i) =>
    decision(`dec-${i + 1}`, `2026-0${(i % 3) + 1}-${String((i % 27) + 1).padStart(2, "0")}`),
  );

describe("a write failing among many slow ones", () => {
  it("buildSite returns PUBLISHER_FAILED only once no write it started is still running", async () => {
    const disk = slowDisk(40);
    const result = await buildSite({ outDir: dir, site: SITE, items: manyItems(), withdrawals: [], now: NOW });
    const inFlight = disk.settled();
    const before = listing(dir);
    expect(result._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect(result._unsafeUnwrapErr().message).toContain("ENOSPC");
    expect(inFlight).toBe(0);
    // Well before the 240 pages: the failure stopped the rest.
    expect(disk.writes()).toBeLessThan(120);
    for (let i = 0; i < 10; i++) await tick(10);
    expect(disk.lateStarts()).toBe(0);
    expect(listing(dir)).toEqual(before);
  });

  it("also when the search shards are built on the worker thread (a large build): the waiting shards are given up", async () => {
    // The first bucket's sitemap fails to move into place: its search shard was handed to the
    // worker just before and is still being built.
    const disk = slowDisk(Number.POSITIVE_INFINITY, (to) => to.includes(`${sep}sitemaps${sep}`));
    const items = Array.from({ length: 5_000 }, (_, i) =>
      decision(`big-${i + 1}`, `2026-0${(i % 3) + 1}-${String((i % 27) + 1).padStart(2, "0")}`),
    );
    const result = await buildSite({ outDir: dir, site: SITE, items, withdrawals: [], now: NOW });
    const inFlight = disk.settled();
    const before = listing(dir);
    expect(result._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect(inFlight).toBe(0);
    for (let i = 0; i < 10; i++) await tick(10);
    expect(disk.lateStarts()).toBe(0);
    expect(listing(dir)).toEqual(before);
  }, 60_000);

  it("the next build, on a healthy disk, writes the whole site (the interrupted state is not trusted)", async () => {
    const disk = slowDisk(40);
    const items = manyItems();
    expect((await buildSite({ outDir: dir, site: SITE, items, withdrawals: [], now: NOW })).isErr()).toBe(true);
    disk.settled();
    vi.restoreAllMocks();
    const report = (await buildSite({ outDir: dir, site: SITE, items, withdrawals: [], now: NOW }))._unsafeUnwrap();
    for (const item of items) expect(listing(dir)).toContain(`item/${item.id}.html`);
    expect(report.deleted).toEqual([]);
    expect(listing(dir).filter((p) => p.startsWith(".sanxiang-site/tmp/") && !p.endsWith("/"))).toEqual([]);
  });

  it("a publisher call returns its failure only once nothing it started is still writing", async () => {
    expect((await buildSite({ outDir: dir, site: SITE, items: manyItems(), withdrawals: [], now: NOW })).isOk()).toBe(
      true,
    );
    // Other settings: the publisher's first call re-renders the whole site before its change.
    const publisher = sitePublisher({ outDir: dir, site: { ...SITE, description: "设置已改。" }, clock: () => NOW });
    const disk = slowDisk(40);
    const result = await publisher.withdraw(noticeOf("dec-7"));
    const inFlight = disk.settled();
    const before = listing(dir);
    expect(result._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect(inFlight).toBe(0);
    for (let i = 0; i < 10; i++) await tick(10);
    expect(disk.lateStarts()).toBe(0);
    expect(listing(dir)).toEqual(before);
  });
});
