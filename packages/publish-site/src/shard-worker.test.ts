import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { buildSite } from "./build.js";
import { renderShard, searchDocs, searchOptions } from "./feeds.js";
import { decision, SITE, sampleItems } from "./fixtures.test-support.js";
import { workerShards } from "./shard-worker.js";
import { readTree, removeDir, tempDir } from "./tree.test-support.js";

describe("search shards on a worker thread", () => {
  it("are byte for byte the shards of the calling thread", async () => {
    const items = [...sampleItems(), ...Array.from({ length: 300 }, (_, i) => decision(`w-${i}`, "2026-02-03"))];
    const docs = searchDocs(items);
    const shards = workerShards();
    try {
      const [a, b] = await Promise.all([shards.render(docs), shards.render(docs.slice(0, 5))]);
      expect(a).toBe(renderShard(docs));
      expect(b).toBe(renderShard(docs.slice(0, 5)));
      expect(shards.builtOnWorker()).toBe(2);
    } finally {
      await shards.close();
    }
  });

  it("serve a large build (5,000 items) whose shards load and find their items", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    try {
      const items = Array.from({ length: 5_000 }, (_, i) =>
        decision(`big-${i}`, `2026-0${1 + (i % 3)}-1${i % 10}`, {
          party: { kind: "person", name: i === 4321 ? "欧阳某某" : "张某" },
        }),
      );
      (
        await buildSite({ outDir: dir, site: SITE, items, withdrawals: [], now: "2026-04-01T00:00:00Z" })
      )._unsafeUnwrap();
      const tree = readTree(dir);
      const shard = tree.get("search/after-penalty-2026-02.json") ?? "";
      const ms = MiniSearch.loadJSON(shard, searchOptions());
      expect(ms.search("欧阳", { combineWith: "AND" }).map((r) => r.id)).toEqual(["big-4321"]);
      expect(ms.documentCount).toBe(items.filter((_, i) => i % 3 === 1).length);
    } finally {
      removeDir(dir);
    }
  });
});
