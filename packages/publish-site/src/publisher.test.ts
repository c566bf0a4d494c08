import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { disclosureContentHash, type PublishedItem, type Publisher, sm3 } from "@sanxiang/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSite } from "./build.js";
import { decision, hashOf, noticeOf, SITE, sampleItems } from "./fixtures.test-support.js";
import { sitePublisher } from "./publisher.js";
import { readTree, removeDir, tempDir } from "./tree.test-support.js";

const NOW = "2026-04-15T00:00:00Z";
let dir: string;
let publisher: Publisher;
beforeEach(() => {
  dir = tempDir();
  publisher = sitePublisher({ outDir: join(dir, "site"), site: SITE, clock: () => NOW });
});
afterEach(() => removeDir(dir));

const site = () => join(dir, "site");

function corrected(item: PublishedItem, version: number, conclusion: string): PublishedItem {
  if (item.content.kind !== "decision") throw new Error("fixture");
  const content = { ...item.content, conclusion };
  return {
    ...item,
    content,
    contentHash: hashOf(content),
    version,
    updatedAt: "2026-04-12T02:00:00Z",
    corrections: [...item.corrections, { at: "2026-04-12T02:00:00Z", reason: `第 ${version} 版更正` }],
  };
}

describe("sitePublisher (Publisher v1)", () => {
  it("publishes, and a retry of the same version changes nothing", async () => {
    const item = decision("dec-1", "2026-03-10");
    const first = (await publisher.publish(item))._unsafeUnwrap();
    expect(first).toEqual({ channel: SITE.title, location: "https://gs.example.cn/item/dec-1.html", changed: true });
    expect(publisher.specificationVersion).toBe("v1");
    const tree = readTree(site());
    const again = (await publisher.publish(item))._unsafeUnwrap();
    expect(again.changed).toBe(false);
    expect(readTree(site())).toEqual(tree);
    expect(tree.get("after/penalty/2026-03/index.html")).toContain("item/dec-1.html");
  });

  it("publishes an item hashed with SM3 (国密) by a bureau whose hash port is SM3; a wrong SM3 hash changes nothing", async () => {
    const plain = decision("dec-sm3", "2026-03-10");
    const item: PublishedItem = {
      ...plain,
      contentHash: disclosureContentHash(plain.content, sm3),
      contentHashAlgorithm: "sm3",
    };
    expect((await publisher.publish(item))._unsafeUnwrap().changed).toBe(true);
    const tree = readTree(site());
    expect(tree.get("item/dec-sm3.html")).toContain("沙");
    const forged = await publisher.publish({ ...item, id: "dec-sm3-b", contentHash: plain.contentHash });
    expect(forged.isErr()).toBe(true);
    expect(readTree(site())).toEqual(tree);
    // A full build takes the same SM3 item.
    const full = await buildSite({ outDir: join(dir, "full"), site: SITE, items: [item], withdrawals: [], now: NOW });
    expect(full._unsafeUnwrap().written).toContain("item/dec-sm3.html");
  });

  it("replaces with a newer version and refuses an older one, or another content under the same version", async () => {
    const v1 = decision("dec-1", "2026-03-10");
    const v2 = corrected(v1, 2, "警告");
    (await publisher.publish(v1))._unsafeUnwrap();
    expect((await publisher.publish(v2))._unsafeUnwrap().changed).toBe(true);
    const tree = readTree(site());
    expect(tree.get("item/dec-1.html")).toContain("第 2 版更正");
    const older = await publisher.publish(v1);
    expect(older._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    const clash = await publisher.publish(corrected(v1, 2, "罚款一千元"));
    expect(clash._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect(readTree(site())).toEqual(tree);
  });

  it("refuses input that fails its schema with INVALID_INPUT and changes nothing", async () => {
    (await publisher.publish(decision("dec-1", "2026-03-10")))._unsafeUnwrap();
    const tree = readTree(site());
    const good = decision("dec-2", "2026-03-11");
    for (const bad of [
      { ...good, contentHash: "f".repeat(64) },
      { ...good, kind: "officer" },
      { ...good, version: 0 },
      { ...good, id: "../../etc/passwd" },
      null,
    ]) {
      const r = await publisher.publish(bad as PublishedItem);
      expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    }
    expect((await publisher.withdraw({ ...noticeOf("dec-1"), reason: "" }))._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    expect((await publisher.expire("dec 1", NOW))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect((await publisher.expire("dec-1", "2026-05-01T00:00:00Z"))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(readTree(site())).toEqual(tree);
  });

  it("withdraw leaves the notice at the item's URL; a second withdraw changes nothing; publish after it is refused", async () => {
    const item = decision("dec-1", "2026-03-10");
    (await publisher.publish(item))._unsafeUnwrap();
    (await publisher.publish(decision("dec-2", "2026-03-11")))._unsafeUnwrap();
    const r = (await publisher.withdraw(noticeOf("dec-1")))._unsafeUnwrap();
    expect(r.changed).toBe(true);
    const tree = readTree(site());
    expect(tree.get("item/dec-1.html")).toContain("撤回公告");
    expect(tree.get("after/penalty/2026-03/index.html")).not.toContain("item/dec-1.html");
    expect(tree.get("feed.json")).not.toContain("dec-1.html");
    expect((await publisher.withdraw(noticeOf("dec-1")))._unsafeUnwrap().changed).toBe(false);
    expect((await publisher.publish(corrected(item, 2, "警告")))._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect(readTree(site())).toEqual(tree);
  });

  it("expire removes the page and leaves nothing; a second expire changes nothing", async () => {
    (await publisher.publish(decision("dec-1", "2026-03-10")))._unsafeUnwrap();
    (await publisher.publish(decision("dec-2", "2026-03-11")))._unsafeUnwrap();
    expect((await publisher.expire("dec-1", NOW))._unsafeUnwrap().changed).toBe(true);
    expect(existsSync(join(site(), "item/dec-1.html"))).toBe(false);
    for (const [path, text] of readTree(site())) expect(text.includes("dec-1.html"), path).toBe(false);
    expect((await publisher.expire("dec-1", NOW))._unsafeUnwrap().changed).toBe(false);
    expect((await publisher.expire("never-published", NOW))._unsafeUnwrap().changed).toBe(false);
  });

  it("ends with the same site as buildSite of the final set", async () => {
    const items = sampleItems();
    // Concurrent calls: the publisher runs them one after another.
    const receipts = await Promise.all(items.map((i) => publisher.publish(i)));
    for (const r of receipts) expect(r._unsafeUnwrap().changed).toBe(true);
    const dec2 = items.find((i) => i.id === "dec-2") as PublishedItem;
    const v2 = corrected(dec2, 2, "警告");
    (await publisher.publish(v2))._unsafeUnwrap();
    (await publisher.withdraw(noticeOf("dec-1")))._unsafeUnwrap();
    (await publisher.expire("officer-2", NOW))._unsafeUnwrap();
    const final = items.filter((i) => i.id !== "dec-1" && i.id !== "officer-2").map((i) => (i.id === "dec-2" ? v2 : i));
    const other = join(dir, "built");
    (
      await buildSite({ outDir: other, site: SITE, items: final, withdrawals: [noticeOf("dec-1")], now: NOW })
    )._unsafeUnwrap();
    expect(readTree(site())).toEqual(readTree(other));
  });

  it("a one-item update rewrites only what lists the item", async () => {
    for (const i of sampleItems()) (await publisher.publish(i))._unsafeUnwrap();
    const before = readTree(site());
    const dec2 = sampleItems().find((i) => i.id === "dec-2") as PublishedItem;
    (await publisher.publish(corrected(dec2, 2, "警告")))._unsafeUnwrap();
    const after = readTree(site());
    const changed = [...after.keys()].filter((p) => before.get(p) !== after.get(p)).sort();
    expect(changed).toContain("item/dec-2.html");
    for (const p of changed) {
      expect([
        "item/dec-2.html",
        "index.html",
        "feed.json",
        "atom.xml",
        "after/penalty/2026-03/index.html",
        "search/after-penalty-2026-03.json",
      ]).toContain(p);
    }
    expect([...before.keys()].sort()).toEqual([...after.keys()].sort());
  });

  it("rebuilds from its own state after a crash left it pending", async () => {
    for (const i of sampleItems()) (await publisher.publish(i))._unsafeUnwrap();
    const statePath = join(site(), ".sanxiang-site/state.json");
    const state = JSON.parse(readFileSync(statePath, "utf8")) as Record<string, unknown>;
    (await import("node:fs")).writeFileSync(statePath, JSON.stringify({ ...state, pending: true }));
    (await import("node:fs")).writeFileSync(join(site(), "item/dec-3.html"), "half");
    const expected = readTree(site());
    expected.delete("item/dec-3.html");
    (await publisher.publish(decision("dec-40", "2026-03-12")))._unsafeUnwrap();
    const tree = readTree(site());
    expect(tree.get("item/dec-3.html")).toContain("</html>");
    expect(tree.has("item/dec-40.html")).toBe(true);
  });

  it("returns PUBLISHER_FAILED instead of throwing when the directory cannot be written", async () => {
    const file = join(dir, "a-file");
    (await import("node:fs")).writeFileSync(file, "not a directory");
    const p = sitePublisher({ outDir: join(file, "site"), site: SITE });
    const r = await p.publish(decision("dec-1", "2026-03-10"));
    expect(r._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
  });
});
