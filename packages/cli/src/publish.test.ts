// sanxiang publish builds the site only from what the signed log proves. A database edited
// behind the log's back — a published decision's content changed with its content hash
// recomputed (no key needed), a row nobody signed off inserted, a row deleted, one byte of an
// event changed — is refused with the code and the disclosure named, and nothing is written.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DisclosureContent, disclosureContentHash, testSigner, toHex, verificationKeyOf } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

let dir: string;
let demoDb: string;
const KEY = toHex(verificationKeyOf(testSigner()).publicKey);
const DECISION = "gs-decision-SPT-SCJ-DEMO-001";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-publish-"));
  const demo = await runCli(["demo"], { cwd: dir });
  expect(demo.err).toBe("");
  expect(demo.code).toBe(0);
  demoDb = join(dir, ".sanxiang", "demo", "events.db");
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
/** A fresh copy of the demo's store (the demo closed it: one file). */
function copyOfDemo(): string {
  copies += 1;
  const db = join(dir, `copy-${copies}.db`);
  copyFileSync(demoDb, db);
  return db;
}
const cli = (...args: string[]) => runCli(args, { cwd: dir });

/** Every file of a directory tree with its bytes, to show a refused run wrote nothing. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(p, readFileSync(p, "base64"));
    }
  };
  walk(root);
  return files;
}

/** Runs `edit` on the store's database directly, as someone with write access to it would. */
function editDb(db: string, edit: (raw: Database.Database) => void): void {
  const raw = new Database(db);
  try {
    edit(raw);
  } finally {
    raw.close();
  }
}

function disclosureRow(raw: Database.Database, key: string): { value: string; sort_key: string; position: number } {
  return raw
    .prepare("SELECT value, sort_key, position FROM projection_rows WHERE projection = 'disclosures' AND key = ?")
    .get(key) as { value: string; sort_key: string; position: number };
}

describe("sanxiang publish: only what the signed log proves (行政处罚法 Art. 48; 负责人审定)", () => {
  it("the demo's signed store publishes with the key and --require-signed; the output says what the log proved", async () => {
    expect((await cli("demo")).code).toBe(0); // a second run: its events are signed at its end too
    const db = copyOfDemo();
    const r = await cli("publish", "--out", "site", "--store", db, "--key", KEY, "--require-signed");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("均由事件日志证明");
    expect(r.out).toContain("（签名有效）");
    expect(r.out).not.toContain("尚无签名树头覆盖");
    const page = readFileSync(join(dir, "site", "item", `${DECISION}.html`), "utf8");
    expect(page).toContain("沙市监罚决〔2026〕001号");
  }, 120_000);

  it("events after the newest signed head: published and reported, or refused with --require-signed (LOG_TAIL_UNSIGNED)", async () => {
    const db = copyOfDemo();
    // The signed heads are gone (say, never made): every event is in the unsigned tail.
    editDb(db, (raw) => raw.prepare("DELETE FROM signed_tree_heads").run());
    const lenient = await cli("publish", "--out", "site-tail", "--store", db);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain("签名树头：无");
    expect(lenient.out).toMatch(/注意：第 1–\d+ 号事件尚无签名树头覆盖，涉及公示 gs-/);
    const strict = await cli("publish", "--out", "site-strict", "--store", db, "--require-signed");
    expect(strict.code).toBe(1);
    expect(strict.err).toContain("[LOG_TAIL_UNSIGNED]");
    expect(existsSync(join(dir, "site-strict"))).toBe(false);
  }, 60_000);

  it("a published decision changed in the projection, its content hash recomputed: PROJECTION_ROW_ALTERED, nothing written", async () => {
    const db = copyOfDemo();
    const good = await cli("publish", "--out", "site-altered", "--store", db, "--key", KEY);
    expect(good.code).toBe(0);
    const before = snapshot(join(dir, "site-altered"));
    editDb(db, (raw) => {
      const row = disclosureRow(raw, DECISION);
      const value = JSON.parse(row.value) as { item: { content: DisclosureContent; contentHash: string } };
      const content = { ...value.item.content, conclusion: "罚款人民币200,000.00元" } as DisclosureContent;
      value.item = { ...value.item, content, contentHash: disclosureContentHash(content) };
      raw
        .prepare("UPDATE projection_rows SET value = ? WHERE projection = 'disclosures' AND key = ?")
        .run(JSON.stringify(value), DECISION);
    });
    const r = await cli("publish", "--out", "site-altered", "--store", db, "--key", KEY);
    expect(r.code).toBe(1);
    expect(r.err).toContain("[DISCLOSURE_LOG_MISMATCH]");
    expect(r.err).toContain(`[PROJECTION_ROW_ALTERED] ${DECISION}（案件 SPT-SCJ-DEMO-001）`);
    expect(r.err).toContain("未写入任何文件");
    expect(r.out).toBe("");
    expect(snapshot(join(dir, "site-altered"))).toEqual(before);
    // A fresh directory is not even created.
    expect((await cli("publish", "--out", "site-altered-2", "--store", db)).code).toBe(1);
    expect(existsSync(join(dir, "site-altered-2"))).toBe(false);
  }, 60_000);

  it("a row nobody signed off inserted: PROJECTION_ROW_INSERTED", async () => {
    const db = copyOfDemo();
    const forged = "gs-decision-SPT-SCJ-FAKE-009";
    editDb(db, (raw) => {
      const row = disclosureRow(raw, DECISION);
      const value = JSON.parse(row.value) as { item: { id: string; content: DisclosureContent; contentHash: string } };
      const content = { ...value.item.content, documentNumber: "沙市监罚决〔2026〕009号" } as DisclosureContent;
      value.item = { ...value.item, id: forged, content, contentHash: disclosureContentHash(content) };
      raw
        .prepare(
          "INSERT INTO projection_rows (projection, key, sort_key, value, count, position) VALUES ('disclosures', ?, ?, ?, 0, ?)",
        )
        .run(forged, row.sort_key, JSON.stringify(value), row.position);
    });
    const r = await cli("publish", "--out", "site-inserted", "--store", db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`[PROJECTION_ROW_INSERTED] ${forged}`);
    expect(r.err).toContain("日志中没有该公示事件流");
    expect(existsSync(join(dir, "site-inserted"))).toBe(false);
  }, 60_000);

  it("a published decision's row deleted: PROJECTION_ROW_DELETED", async () => {
    const db = copyOfDemo();
    editDb(db, (raw) =>
      raw.prepare("DELETE FROM projection_rows WHERE projection = 'disclosures' AND key = ?").run(DECISION),
    );
    const r = await cli("publish", "--out", "site-deleted", "--store", db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`[PROJECTION_ROW_DELETED] ${DECISION}（案件 SPT-SCJ-DEMO-001）`);
    expect(existsSync(join(dir, "site-deleted"))).toBe(false);
  }, 60_000);

  it("one changed byte of the stored publication: EVENT_HASH_MISMATCH, nothing written", async () => {
    const db = copyOfDemo();
    editDb(db, (raw) => {
      const ev = raw
        .prepare("SELECT position, json FROM events WHERE case_id = ? AND type = 'disclosure.published'")
        .get(DECISION) as { position: number; json: string };
      raw
        .prepare("UPDATE events SET json = ? WHERE position = ?")
        .run(ev.json.replace("2,000.00", "2,900.00"), ev.position);
    });
    const r = await cli("publish", "--out", "site-event", "--store", db);
    expect(r.code).toBe(1);
    expect(r.err).toContain("[EVENT_HASH_MISMATCH]");
    expect(r.err).toContain(`案件 ${DECISION}`);
    expect(existsSync(join(dir, "site-event"))).toBe(false);
  }, 60_000);

  it("a wrong key is bad input (exit 2); a key that did not sign the head is refused (exit 1)", async () => {
    const db = copyOfDemo();
    expect((await cli("publish", "--out", "site-key", "--store", db, "--key", "zz")).code).toBe(2);
    const sm2 = toHex(verificationKeyOf(testSigner("sm2")).publicKey);
    const r = await cli("publish", "--out", "site-key", "--store", db, "--key", sm2, "--algorithm", "sm2");
    expect(r.code).toBe(1);
    expect(r.err).toContain("[TREE_HEAD_ALGORITHM_MISMATCH]");
    expect(existsSync(join(dir, "site-key"))).toBe(false);
  }, 60_000);
});
