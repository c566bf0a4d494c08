import { describe, expect, it } from "vitest";
import { memoryPublisher } from "./memory-publisher.js";
import type { PublishedItem, WithdrawalNotice } from "./schema.js";
import { decisionContent, decisionDraft, disclosureId, hashOf } from "./workflow-test-fixtures.js";

const item: PublishedItem = {
  id: disclosureId,
  kind: "decision",
  phase: "after",
  title: decisionDraft.title,
  bodyId: "spt",
  bodyName: decisionDraft.bodyName,
  content: decisionContent,
  contentHash: hashOf(decisionContent),
  version: 1,
  publishedAt: "2025-03-12T02:00:00Z",
  updatedAt: "2025-03-12T02:00:00Z",
  corrections: [],
  publicUntil: "2028-03-12",
  source: decisionDraft.source,
};
const v2Content = { ...decisionContent, documentNumber: "沙司罚决字〔2025〕4号" };
const v2: PublishedItem = {
  ...item,
  content: v2Content,
  contentHash: hashOf(v2Content),
  version: 2,
  updatedAt: "2025-03-14T02:00:00Z",
  corrections: [{ at: "2025-03-14T02:00:00Z", reason: "更正文号" }],
};
const notice: WithdrawalNotice = {
  id: disclosureId,
  kind: "decision",
  title: item.title,
  bodyName: item.bodyName,
  withdrawnAt: "2025-03-20T02:00:00Z",
  reason: "处罚决定已撤销",
  source: { law: "行政处罚法", article: 48, paragraph: 2 },
};

describe("memoryPublisher — the Publisher contract v1", () => {
  it("publishes, answers a repeat with changed: false, replaces with a newer version, refuses an older one", async () => {
    const p = memoryPublisher({ channel: "政府网站" });
    expect(p.specificationVersion).toBe("v1");
    expect((await p.publish(item))._unsafeUnwrap()).toEqual({
      channel: "政府网站",
      location: `memory:${disclosureId}`,
      changed: true,
    });
    expect((await p.publish(item))._unsafeUnwrap().changed).toBe(false);
    expect((await p.publish(v2))._unsafeUnwrap().changed).toBe(true);
    expect(p.item(disclosureId)?.version).toBe(2);
    const older = await p.publish(item);
    expect(older._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    // Same version, other content: refused, nothing changed.
    const forged = await p.publish({ ...v2, content: decisionContent, contentHash: hashOf(decisionContent) });
    expect(forged._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect(p.item(disclosureId)?.contentHash).toBe(v2.contentHash);
    expect(p.changes().map((c) => c.op)).toEqual(["publish", "publish"]);
  });

  it("withdraws with a notice (idempotent) and never shows the item again", async () => {
    const p = memoryPublisher();
    await p.publish(item);
    expect((await p.withdraw(notice))._unsafeUnwrap().changed).toBe(true);
    expect((await p.withdraw(notice))._unsafeUnwrap().changed).toBe(false);
    expect(p.items()).toEqual([]);
    expect(p.notices()).toEqual([notice]);
    expect((await p.publish(v2))._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
  });

  it("expires (idempotent), leaving nothing", async () => {
    const p = memoryPublisher();
    await p.publish(item);
    expect((await p.expire(disclosureId, "2028-03-13T01:00:00Z"))._unsafeUnwrap().changed).toBe(true);
    expect((await p.expire(disclosureId, "2028-03-13T01:00:00Z"))._unsafeUnwrap().changed).toBe(false);
    expect(p.items()).toEqual([]);
    expect(p.notices()).toEqual([]);
    expect((await p.expire(disclosureId, "not a time"))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("input failing its schema is INVALID_INPUT and changes nothing; failNext makes calls fail with PUBLISHER_FAILED", async () => {
    const p = memoryPublisher();
    const bad = { ...item, contentHash: "nope" };
    expect((await p.publish(bad))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    p.failNext("publish");
    expect((await p.publish(item))._unsafeUnwrapErr().code).toBe("PUBLISHER_FAILED");
    expect(p.items()).toEqual([]);
    expect((await p.publish(item))._unsafeUnwrap().changed).toBe(true);
    p.failNext("withdraw", 2);
    expect((await p.withdraw(notice)).isErr()).toBe(true);
    expect((await p.withdraw(notice)).isErr()).toBe(true);
    expect((await p.withdraw(notice)).isOk()).toBe(true);
  });

  it("returns copies: changing what it returned changes nothing inside", async () => {
    const p = memoryPublisher();
    await p.publish(item);
    const got = p.items()[0] as { title: string };
    got.title = "篡改";
    expect(p.item(disclosureId)?.title).toBe(item.title);
  });
});
