// The CLI on a real store: the demo keeps its case in SQLite; casefile, sign and verify --log
// work on what is stored, and a changed byte in the database is caught.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateEd25519SecretKey, seededRandom, testSigner, toHex } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-store-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const cli = (...args: string[]) => runCli(args, { cwd: dir });
const KEY = toHex(testSigner().publicKey);

describe("sanxiang on the event store (行政处罚法 Art. 47: 全过程记录，归档保存)", () => {
  it("demo stores its case; casefile exports it from the store and verify checks the file and the whole log", async () => {
    const demo = await cli("demo");
    expect(demo.code).toBe(0);
    const db = join(dir, ".sanxiang", "demo", "events.db");
    expect(demo.out).toContain("sanxiang casefile SPT-SCJ-DEMO-001 case.json");
    // A second demo run in the same store takes the next case number.
    expect((await cli("demo")).out).toContain("SPT-SCJ-DEMO-002");

    const file = join(dir, "case.json");
    const exported = await cli("casefile", "SPT-SCJ-DEMO-001", file, "--store", db);
    expect(exported.err).toBe("");
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).caseId).toBe("SPT-SCJ-DEMO-001");
    const verified = await cli("verify", file, "--key", KEY);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain("案卷验证通过");

    const log = await cli("verify", "--log", "--store", db, "--key", KEY);
    expect(log.code).toBe(0);
    expect(log.out).toContain("日志验证通过");
    // Per demo run: the ordinary case, the major case, its legal review and the decision's
    // disclosure; the first run also publishes the sample bureaus' 52 before-enforcement items.
    // 62 streams: the cases and reviews, and every body's disclosures — each body's items
    // signed off by its own registered head (the registry checks who signs off).
    expect(log.out).toMatch(/事件 \d+ 件，事件流 62 个/);
    expect(log.out).toContain("签名均有效");

    // One changed byte in a stored event: verify --log names it and exits 1.
    const raw = new Database(db);
    const row = raw.prepare("SELECT position, json FROM events ORDER BY position LIMIT 1 OFFSET 2").get() as {
      position: number;
      json: string;
    };
    raw
      .prepare("UPDATE events SET json = ? WHERE position = ?")
      .run(row.json.replace("2026-03-", "2026-04-"), row.position);
    raw.close();
    const broken = await cli("verify", "--log", "--store", db);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("EVENT_HASH_MISMATCH");
    expect(broken.out).toContain(`第 ${row.position} 号事件`);
  }, 120_000);

  it("demo publishes the public site; publish --out rebuilds it from the store, rewriting only what changed", async () => {
    const demo = await cli("demo");
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/未经负责人审定即发布 → 被拒绝：[^\n]*（DISCLOSURE_NOT_APPROVED）/);
    expect(demo.out).toContain("届满日 2026-03-19");
    const siteIndex = join(dir, ".sanxiang", "demo", "site", "index.html");
    expect(demo.out).toContain(siteIndex);
    expect(readFileSync(siteIndex, "utf8")).toContain('lang="zh-CN"');

    const db = join(dir, ".sanxiang", "demo", "events.db");
    const first = await cli("publish", "--out", "site", "--store", db, "--base-url", "https://gs.example.gov.cn/");
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/已公示 55 项，撤回公告 0 项/);
    const page = readFileSync(join(dir, "site", "item", "gs-decision-SPT-SCJ-DEMO-001.html"), "utf8");
    expect(page).toContain("沙市监罚决〔2026〕001号");
    expect(page).toContain("警告，罚款人民币2,000.00元");
    // 违法行为 is the violation the case states, not the 执法类别 (issue 16).
    expect(page).toMatch(/<dt>违法行为<\/dt><dd>经营者销售商品未明码标价<\/dd>/);
    expect(page).not.toMatch(/<dt>违法行为<\/dt><dd>价格监督检查<\/dd>/);
    expect(readFileSync(join(dir, "site", "atom.xml"), "utf8")).toContain("https://gs.example.gov.cn/");
    const again = await cli("publish", "--out", "site", "--store", db, "--base-url", "https://gs.example.gov.cn/");
    expect(again.out).toMatch(/写入 0 个文件，删除 0 个/);

    expect((await cli("publish", "--store", db)).code).toBe(2);
    expect((await cli("publish", "--out", "site2", "--store", db, "--base-url", "not a url")).code).toBe(2);
  }, 120_000);

  it("sign keeps a head signed with the bureau's key; casefile refuses a case no signed head covers", async () => {
    const store = join(dir, "bureau.db");
    const first = await cli("demo", "--store", store);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    // Appending more without signing: the latest head no longer covers the new case.
    expect((await cli("demo", "--store", store)).code).toBe(0);
    const secret = join(dir, "bureau.key");
    // The demo's bureau key (the public test key): another key may not replace its heads.
    writeFileSync(secret, toHex(generateEd25519SecretKey(seededRandom(0x5a_11_7e_57))));
    const signed = await cli("sign", "--key-file", secret, "--log-id", "spt-scjgj", "--store", store);
    expect(signed.err).toBe("");
    expect(signed.code).toBe(0);
    expect(signed.out).toContain("已签名并保存树头");
    const publicKey = /公钥 ([0-9a-f]{64})/.exec(signed.out)?.[1] as string;
    const log = await cli("verify", "--log", "--store", store, "--key", publicKey);
    expect(log.code).toBe(0);
    const missing = await cli("casefile", "NO-SUCH-CASE", join(dir, "x.json"), "--store", store);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("没有案件 NO-SUCH-CASE");
  }, 60_000);

  it("a store that cannot be named or opened is a clear error", async () => {
    const bad = await cli("verify", "--log", "--store", "ftp://nowhere");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("无法识别的存储");
    const memory = await cli("demo", "--store", "memory");
    expect(memory.code).toBe(0);
    expect(memory.out).toContain("内存，进程结束即丢弃");
    expect(memory.out).not.toContain("sanxiang casefile SPT");
  }, 60_000);
});

// PostgreSQL through the CLI: the same commands with --store postgres://…?schema=…
const pgUrl = process.env.DATABASE_URL;
describe.skipIf(pgUrl === undefined)("sanxiang on PostgreSQL (--store postgres://…)", () => {
  it("demo, casefile and verify --log work on a PostgreSQL schema", async () => {
    const schema = `sx_cli_${process.pid}_${Date.now()}`;
    const url = new URL(pgUrl as string);
    url.searchParams.set("schema", schema);
    const store = url.toString();
    const { default: pg } = await import("pg");
    try {
      const demo = await cli("demo", "--store", store);
      expect(demo.err).toBe("");
      expect(demo.code).toBe(0);
      expect(demo.out).toContain(`(schema ${schema})`);
      const file = join(dir, "case.json");
      expect((await cli("casefile", "SPT-SCJ-DEMO-001", file, "--store", store)).code).toBe(0);
      expect((await cli("verify", file, "--key", KEY)).code).toBe(0);
      const log = await cli("verify", "--log", "--store", store, "--key", KEY);
      expect(log.out).toContain("日志验证通过");
    } finally {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }, 60_000);
});
