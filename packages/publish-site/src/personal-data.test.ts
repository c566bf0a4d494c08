// Issue 13 §1.1, second line of defence: the site refuses, before it writes anything, an item
// or a withdrawal notice whose public texts (any field: title, body name, content, correction
// notes, reason) still hold personal data — the same enumeration and detector as the sign-off.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { PublishedItem, Publisher, WithdrawalNotice } from "@sanxiang/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSite } from "./build.js";
import { decision, hashOf, noticeOf, SITE, sampleItems } from "./fixtures.test-support.js";
import { sitePublisher } from "./publisher.js";
import { readTree, removeDir, tempDir } from "./tree.test-support.js";

const NOW = "2026-04-15T00:00:00Z";
/** A valid resident ID number (the GB 11643-1999 example), written with full-width spaces. */
const ID_SPACED = "110105\u300019491231\u3000002X";
let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

/** The ways a leak reaches an item: one field at a time. */
function leaks(): [string, PublishedItem][] {
  const base = decision("dec-leak", "2026-03-20");
  if (base.content.kind !== "decision") throw new Error("fixture");
  const facts = { ...base.content, facts: `当事人银行账号为6222021234567890123` };
  return [
    ["title", { ...base, title: `行政处罚决定（${ID_SPACED}）` }],
    ["bodyName", { ...base, bodyName: "某局 电话138 1234 5678" }],
    [
      "corrections[0].reason",
      {
        ...base,
        version: 2,
        corrections: [{ at: "2026-03-21T02:00:00Z", reason: "当事人家住中卫市某路1号，申请更正" }],
      },
    ],
    ["content.facts", { ...base, content: facts, contentHash: hashOf(facts) }],
  ];
}

const paths = (details: unknown): string[] =>
  ((details as { problems: { details: { findings: { path: string }[] } }[] }).problems ?? []).flatMap((p) =>
    p.details.findings.map((f) => f.path),
  );

describe("buildSite refuses personal data (REDACTION_INCOMPLETE, nothing written)", () => {
  it.each(leaks())("in %s", async (path, item) => {
    const r = await buildSite({ outDir: dir, site: SITE, items: [...sampleItems(), item], withdrawals: [], now: NOW });
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(e.details?.ids).toEqual(["dec-leak"]);
    expect(paths(e.details)).toEqual([path]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("in a withdrawal notice's reason, and also on a site built before (every item is checked, not only new ones)", async () => {
    (await buildSite({ outDir: dir, site: SITE, items: sampleItems(), withdrawals: [], now: NOW }))._unsafeUnwrap();
    const before = readTree(dir);
    const notice: WithdrawalNotice = { ...noticeOf("dec-9"), reason: `申请人${ID_SPACED}申请复议，原决定被撤销` };
    const r = await buildSite({ outDir: dir, site: SITE, items: sampleItems(), withdrawals: [notice], now: NOW });
    expect(r._unsafeUnwrapErr().code).toBe("REDACTION_INCOMPLETE");
    expect(readTree(dir)).toEqual(before);
  });

  it("follows the bureau's redaction policy (a field it does not hide is not refused)", async () => {
    const [, item] = leaks()[3] as [string, PublishedItem];
    const ok = await buildSite({
      outDir: dir,
      site: SITE,
      items: [item],
      withdrawals: [],
      now: NOW,
      redaction: { fields: ["residentId", "mobile"] },
    });
    expect(ok.isOk()).toBe(true);
    const bad = await buildSite({
      outDir: dir,
      site: SITE,
      items: [item],
      withdrawals: [],
      now: NOW,
      redaction: { fields: ["nope"] } as never,
    });
    expect(bad._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});

describe("sitePublisher refuses personal data (REDACTION_INCOMPLETE, nothing changed)", () => {
  let publisher: Publisher;
  beforeEach(() => {
    publisher = sitePublisher({ outDir: join(dir, "site"), site: SITE, clock: () => NOW });
  });

  it.each(leaks())("publish, in %s", async (path, item) => {
    const r = await publisher.publish(item);
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(paths(e.details)).toEqual([path]);
    expect(existsSync(join(dir, "site"))).toBe(false);
  });

  it("withdraw, in the reason", async () => {
    const item = decision("dec-1", "2026-03-20");
    (await publisher.publish(item))._unsafeUnwrap();
    const before = readTree(join(dir, "site"));
    const r = await publisher.withdraw({ ...noticeOf("dec-1"), reason: "当事人患有精神疾病，撤回" });
    expect(r._unsafeUnwrapErr().code).toBe("REDACTION_INCOMPLETE");
    expect(readTree(join(dir, "site"))).toEqual(before);
  });
});
