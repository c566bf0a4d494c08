import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CaseEvent,
  generateEd25519SecretKey,
  type SignedTreeHead,
  type Stage,
  seededRandom,
  signAndSaveTreeHead,
  signedTreeHeadToJson,
  testSigner,
  toHex,
} from "@sanxiang/core";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-casefile-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir });
}

const KEY = toHex(testSigner().publicKey);
// The public test key's secret (testSigner's seed, public by design): what `--key-file` reads.
const TEST_SECRET_HEX = toHex(generateEd25519SecretKey(seededRandom(0x5a_11_7e_57)));

async function example(): Promise<string> {
  const file = join(dir, "case.json");
  const r = await cli("casefile", "--example", file, "--html", join(dir, "case.html"));
  expect(r.code).toBe(0);
  return file;
}

describe("sanxiang casefile --example / verify (案卷, 行政处罚法 Art. 47; 档案法 Art. 39 para. 2)", () => {
  it("writes an example case file, labelled as such, that verifies", async () => {
    const file = await example();
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(json.signedTreeHead.logId).toContain("EXAMPLE");
    expect(json.events[0].payload.example).toBe("示例数据");
    expect(readFileSync(join(dir, "case.html"), "utf8")).toContain("卷内目录（示例数据）");
    const r = await cli("verify", file, "--key", KEY);
    expect(r.code).toBe(0);
    expect(r.out).toContain("案卷验证通过");
    expect(r.out).toContain("卷内文件 17 件");
    expect(r.out).toContain(`法制审核 ${json.caseId}.review：2 个事件`);
    expect(r.out).toContain(`行政执法公示 gs-decision-${json.caseId}：3 个事件`);
    expect(r.out).toContain("卷内备考签名有效");
    expect(r.out).toContain("测试密钥");
  });

  it("speaks English with --lang en", async () => {
    const r = await cli("verify", await example(), "--key", KEY, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Case file valid");
  });

  it("exits 1 naming the entry when an event was tampered with", async () => {
    const file = await example();
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.events[7].payload.fineFen = 30_000; // seq 8: the decision
    writeFileSync(file, JSON.stringify(json));
    const r = await cli("verify", file, "--key", KEY);
    expect(r.code).toBe(1);
    expect(r.out).toContain("案卷验证未通过");
    expect(r.out).toContain("[EVENT_HASH_MISMATCH]");
    expect(r.out).toContain("第 8 号事件「行政处罚决定书」");
  });

  it("exits 1 on a changed signature and on another bureau's key", async () => {
    const file = await example();
    const json = JSON.parse(readFileSync(file, "utf8"));
    const sig: string = json.signedTreeHead.signature;
    json.signedTreeHead.signature = (sig[0] === "0" ? "1" : "0") + sig.slice(1);
    writeFileSync(join(dir, "bad.json"), JSON.stringify(json));
    expect((await cli("verify", join(dir, "bad.json"), "--key", KEY)).out).toContain("[SIGNATURE_INVALID]");
    const other = toHex(new Uint8Array(32).fill(7));
    const r = await cli("verify", file, "--key", other);
    expect([1, 2]).toContain(r.code);
  });

  it("exits 2 on bad input: no key, a malformed key, a missing file, not JSON", async () => {
    const file = await example();
    expect((await cli("verify", file)).code).toBe(2);
    expect((await cli("verify", file, "--key", "xyz")).code).toBe(2);
    expect((await cli("verify", file, "--key", "abcd")).code).toBe(2);
    expect((await cli("verify", file, "--key", KEY, "--algorithm", "rsa")).code).toBe(2);
    expect((await cli("verify", join(dir, "missing.json"), "--key", KEY)).code).toBe(2);
    writeFileSync(join(dir, "junk.json"), "not json");
    expect((await cli("verify", join(dir, "junk.json"), "--key", KEY)).code).toBe(2);
  });

  it("casefile <id> needs an output file, and writes nothing without one", async () => {
    const r = await cli("casefile", "CASE-1");
    expect(r.code).toBe(2);
    expect(r.err).toContain("用法：sanxiang casefile <案件编号> <输出.json>");
    expect(existsSync(join(dir, "CASE-1"))).toBe(false);
  });
});

const officer = { id: "officer-1", roles: ["officer" as const] };
function ev(stream: string, seq: number, stage: Stage, type: string, payload: Record<string, unknown> = {}): CaseEvent {
  return {
    caseId: stream,
    seq,
    type,
    at: `2026-05-${String(seq).padStart(2, "0")}T02:00:00Z`,
    actor: officer,
    stage,
    payload,
  };
}

/** A case with the review its decision relied on and the decision's disclosure, another case between them. */
const STORED: readonly CaseEvent[] = [
  ev("CASE-7", 1, "filing", "case.filed"),
  ev("CASE-8", 1, "filing", "case.filed"),
  ev("CASE-7.review", 1, "review", "review.submitted", { caseId: "CASE-7", draftHash: "c".repeat(64) }),
  ev("CASE-7.review", 2, "review", "review.concluded", { outcome: "approved", opinion: "同意" }),
  ev("CASE-7", 2, "review", "review.approved", { draftHash: "c".repeat(64), reviewId: "CASE-7.review" }),
  ev("CASE-7", 3, "decision", "case.decided", { outcome: "penalty", fineFen: 100_000 }),
  ev("CASE-8", 2, "investigation", "investigation.recorded"),
  ev("gs-decision-CASE-7", 1, "decision", "disclosure.drafted", { draft: { caseId: "CASE-7", title: "处罚决定" } }),
  ev("gs-decision-CASE-7", 2, "decision", "disclosure.published", { caseId: "CASE-7", channel: "网站" }),
  ev("CASE-7", 4, "service", "decision.served"),
];

/** A SQLite store holding `events`, its head signed with the test key after `signAt` events and (`atEnd`) after all. */
async function storeWith(events: readonly CaseEvent[], signAt = events.length, atEnd = true): Promise<string> {
  const path = join(dir, "bureau.db");
  const store = openSqliteStore({ path })._unsafeUnwrap();
  const versions = new Map<string, number>();
  for (const [i, e] of events.entries()) {
    (await store.append(e.caseId, versions.get(e.caseId) ?? 0, [e]))._unsafeUnwrap();
    versions.set(e.caseId, e.seq);
    if (i + 1 === signAt || (atEnd && i + 1 === events.length)) {
      (
        await signAndSaveTreeHead(store, testSigner(), { logId: "bureau-test", timestamp: "2026-05-20T00:00:00Z" })
      )._unsafeUnwrap();
    }
  }
  await store.close();
  return path;
}

type Json = {
  parts: { streamId: string; kind: string; events: number }[];
  events: { caseId: string; type: string; payload: Record<string, unknown> }[];
  catalogue: { no: number; streamId: string; type: string; inclusionProof: string[] }[];
  signedTreeHead: Record<string, unknown>;
};

describe("sanxiang casefile <id> from a store: the case with its reviews and disclosures, verified offline", () => {
  it("writes the complete file, lists its parts, and verify checks every part", async () => {
    const db = await storeWith(STORED);
    const out = join(dir, "case7.json");
    const r = await cli("casefile", "CASE-7", out, "--store", db, "--html", join(dir, "case7.html"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("卷内文件 8 件");
    expect(r.out).toContain("法制审核 CASE-7.review：2 个事件");
    expect(r.out).toContain("行政执法公示 gs-decision-CASE-7：2 个事件");
    const json = JSON.parse(readFileSync(out, "utf8")) as Json;
    expect(json.parts.map((p) => p.kind)).toEqual(["case", "review", "disclosure"]);
    expect(readFileSync(join(dir, "case7.html"), "utf8")).toContain("法制审核意见书");
    const v = await cli("verify", out, "--key", KEY);
    expect(v.code).toBe(0);
    expect(v.out).toContain("案卷验证通过");
    expect(v.out).toContain("法制审核 CASE-7.review：2 个事件");
  });

  it("catches each tampering with its code, exit 1: a review altered, a disclosure removed, a proof of another head", async () => {
    const db = await storeWith(STORED, 6);
    const out = join(dir, "case7.json");
    expect((await cli("casefile", "CASE-7", out, "--store", db)).code).toBe(0);
    const good = readFileSync(out, "utf8");
    const tampered = async (change: (j: Json) => void): Promise<string> => {
      const j = JSON.parse(good) as Json;
      change(j);
      const path = join(dir, "tampered.json");
      writeFileSync(path, JSON.stringify(j));
      const r = await cli("verify", path, "--key", KEY);
      expect(r.code).toBe(1);
      expect(r.out).toContain("案卷验证未通过");
      return r.out;
    };
    expect(
      await tampered((j) => {
        const opinion = j.events.find((e) => e.type === "review.concluded");
        if (opinion !== undefined) opinion.payload.opinion = "不同意";
      }),
    ).toContain("[EVENT_HASH_MISMATCH]");
    expect(
      await tampered((j) => {
        j.events = j.events.filter((e) => e.type !== "disclosure.published");
        j.catalogue = j.catalogue.filter((c) => c.type !== "disclosure.published").map((c, i) => ({ ...c, no: i + 1 }));
      }),
    ).toContain("[CASE_FILE_CATALOGUE_INVALID]");
    expect(
      await tampered((j) => {
        j.parts = j.parts.filter((p) => p.kind !== "review");
        j.events = j.events.filter((e) => e.caseId !== "CASE-7.review");
        j.catalogue = j.catalogue.filter((c) => c.streamId !== "CASE-7.review").map((c, i) => ({ ...c, no: i + 1 }));
      }),
    ).toContain("CASE-7.review");
    // The file's proofs against another (genuinely signed, earlier) head of the same log.
    const store = openSqliteStore({ path: db })._unsafeUnwrap();
    const heads = (await store.signedTreeHeads())._unsafeUnwrap();
    await store.close();
    expect(heads.map((h) => h.treeSize)).toEqual([6, STORED.length]);
    const earlier = signedTreeHeadToJson(heads[0] as SignedTreeHead);
    expect(
      await tampered((j) => {
        j.signedTreeHead = { ...earlier };
      }),
    ).toContain("[CASE_FILE_PROOF_INVALID]");
  });

  it("with --key-file the bureau signs the parts: a disclosure removed whole is caught (SIGNATURE_INVALID)", async () => {
    const db = await storeWith(STORED);
    const secret = join(dir, "test.key");
    // The public test key's secret: the only key the test store's heads are signed with.
    writeFileSync(secret, TEST_SECRET_HEX);
    const out = join(dir, "attested.json");
    const r = await cli("casefile", "CASE-7", out, "--store", db, "--key-file", secret);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("已附卷内备考签名");
    expect((await cli("verify", out, "--key", KEY)).out).toContain("卷内备考签名有效");
    const j = JSON.parse(readFileSync(out, "utf8")) as Json;
    const d = "gs-decision-CASE-7";
    j.parts = j.parts.filter((p) => p.streamId !== d);
    j.events = j.events.filter((e) => e.caseId !== d);
    j.catalogue = j.catalogue.filter((c) => c.streamId !== d).map((c, i) => ({ ...c, no: i + 1 }));
    writeFileSync(out, JSON.stringify(j));
    const v = await cli("verify", out, "--key", KEY);
    expect(v.code).toBe(1);
    expect(v.out).toContain("[SIGNATURE_INVALID]");
    expect(v.out).toContain("卷内备考签名无效");
    // Without the signature the same removal is not detectable offline, and verify says so.
    const plain = join(dir, "plain.json");
    expect((await cli("casefile", "CASE-7", plain, "--store", db)).out).toContain("未附卷内备考签名");
    expect((await cli("verify", plain, "--key", KEY)).out).toContain("未附卷内备考签名");
    expect((await cli("casefile", "CASE-7", plain, "--store", db, "--key-file", join(dir, "none.key"))).code).toBe(2);
    writeFileSync(secret, "zz");
    expect((await cli("casefile", "CASE-7", plain, "--store", db, "--key-file", secret)).code).toBe(2);
  });

  it("refuses a case the latest signed head does not cover, and a store never signed", async () => {
    const db = await storeWith(STORED, 6, false);
    const r = await cli("casefile", "CASE-7", join(dir, "x.json"), "--store", db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^错误 \[LOG_TAIL_UNSIGNED\] 最新的签名树头（大小 \d+）只覆盖本案 4 个事件中的前 3 个；/);
    expect(r.err).toContain("sanxiang sign");
    expect(existsSync(join(dir, "x.json"))).toBe(false);
    rmSync(db);
    const unsigned = await storeWith(STORED, 0, false);
    const u = await cli("casefile", "CASE-7", join(dir, "x.json"), "--store", unsigned);
    expect(u.code).toBe(1);
    expect(u.err).toContain("[CASE_FILE_MALFORMED]");
    expect(u.err).toContain("sanxiang sign");
  });
});
