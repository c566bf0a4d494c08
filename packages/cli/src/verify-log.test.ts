// sanxiang verify --log on a real SQLite store changed behind the store's back: every signed
// head, the unsigned tail (--require-signed), the projections against a replay, the progress bar.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";
import { DEMO_STEPS } from "./demo-case.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

let dir: string;
let store: string;
let publicKey: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-verify-log-"));
  store = join(dir, "bureau.db");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const cli = (...args: string[]) => runCli(args, { cwd: dir });

/**
 * Two demo runs, each followed by a case filed through `case do` (the log grows past the demo's
 * heads, signed with the public test key) and `sanxiang sign` with the bureau's own key — a
 * key change: another key signs the grown log, never replaces a head at a kept size.
 */
async function signedStore(): Promise<void> {
  const secret = join(dir, "bureau.key");
  writeFileSync(secret, "11".repeat(32));
  const step = DEMO_STEPS[0] as (typeof DEMO_STEPS)[number];
  const { type, ...fields } = step.command;
  for (let run = 0; run < 2; run++) {
    expect((await cli("demo", "--store", store)).code).toBe(0);
    const id = `SPT-SCJ-VERIFY-00${run + 1}`;
    const args = ["--as", step.actor.id, "--at", step.at, "--data", JSON.stringify(fields)];
    const filed = await cli("--sample", "--store", store, "case", id, "do", type, ...args);
    expect(filed.err).toBe("");
    // The bureau's key after the demo's public test key: a declared key change.
    const signed = await cli("sign", "--key-file", secret, "--log-id", "spt-scjgj", "--store", store, "--new-key");
    expect(signed.code).toBe(0);
    publicKey = /公钥 ([0-9a-f]{64})/.exec(signed.out)?.[1] as string;
  }
}

const sql = (text: string, ...params: unknown[]): void => {
  const db = new Database(store);
  try {
    db.prepare(text).run(...params);
  } finally {
    db.close();
  }
};
const heads = (): { tree_size: number; json: string }[] => {
  const db = new Database(store);
  try {
    return db.prepare("SELECT tree_size, json FROM signed_tree_heads ORDER BY tree_size").all() as {
      tree_size: number;
      json: string;
    }[];
  } finally {
    db.close();
  }
};

describe("sanxiang verify --log (§1.4, §1.5: every signed head, every projection row)", () => {
  it("passes a sound store: every kept head with its signature, every projection against the replay", async () => {
    await signedStore();
    const log = await cli("verify", "--log", "--store", store, "--key", publicKey, "--require-signed");
    expect(log.err).toBe("");
    expect(log.code).toBe(0);
    expect(log.out).toContain("日志验证通过");
    // The demo signs with the public test key, the operator with the bureau's: both kinds listed.
    expect(log.out).toMatch(
      /签名树头 \d+ 个（大小 [\d、…]+；日志标识 EXAMPLE\.spt-scjgj、spt-scjgj）均与重算的日志一致/,
    );
    expect(log.out).toMatch(/由其他密钥（标识 [0-9a-f]{16}…）签署，无法用所给公钥验证，不计入签名覆盖/);
    expect(log.out).toMatch(/投影 5 个与事件日志的重放一致：deadlines（\d+ 行）.*bureau-cases（\d+ 行）/);
    expect(log.out).not.toContain("警告");
    // Every interior node the store keeps is compared: n − popcount(n) complete subtrees of n leaves.
    const events = Number(/事件 (\d+) 件/.exec(log.out)?.[1]);
    const complete = events - [...events.toString(2)].filter((b) => b === "1").length;
    expect(complete).toBeGreaterThan(0);
    expect(log.out).toContain(`默克尔子树 ${complete} 个：存储的每个子树哈希与由叶子哈希重算的一致`);
    const skipped = await cli("verify", "--log", "--store", store, "--skip-projections");
    expect(skipped.out).toContain("投影：未核对（--skip-projections）");
  }, 120_000);

  it("a deleted newest head leaves an unsigned tail: a warning, and a failure under --require-signed", async () => {
    await signedStore();
    const kept = heads();
    const older = kept.at(-2) as { tree_size: number };
    const newest = kept.at(-1) as { tree_size: number };
    sql("DELETE FROM signed_tree_heads WHERE tree_size = ?", newest.tree_size);
    const warned = await cli("verify", "--log", "--store", store);
    expect(warned.code).toBe(0);
    expect(warned.out).toContain(
      `警告：第 ${older.tree_size + 1}–${newest.tree_size} 号共 ${newest.tree_size - older.tree_size} 件事件尚无签名树头覆盖`,
    );
    const strict = await cli("verify", "--log", "--store", store, "--require-signed");
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("日志验证未通过（--require-signed");
  }, 120_000);

  it("a changed stored Merkle subtree is caught and named; exit 1", async () => {
    await signedStore();
    sql("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1");
    const r = await cli("verify", "--log", "--store", store, "--skip-projections");
    expect(r.code).toBe(1);
    expect(r.out).toContain("[STORE_CORRUPT]");
    expect(r.out).toContain("存储的默克尔子树 (2, 1) 与由第 5–8 号事件重算的不一致");
  });

  it("a broken OLDER head is caught, by its root and by its signature", async () => {
    await signedStore();
    const older = heads().at(-2) as { tree_size: number; json: string };
    const json = JSON.parse(older.json) as { rootHash: string };
    json.rootHash = `${json.rootHash[0] === "0" ? "1" : "0"}${json.rootHash.slice(1)}`;
    sql("UPDATE signed_tree_heads SET json = ? WHERE tree_size = ?", JSON.stringify(json), older.tree_size);
    const r = await cli("verify", "--log", "--store", store);
    expect(r.code).toBe(1);
    expect(r.out).toContain("[MERKLE_ROOT_MISMATCH]");
    expect(r.out).toContain(`前 ${older.tree_size} 个事件重算的根哈希与存储中的签名树头`);
  }, 120_000);

  it("projection rows altered, inserted or deleted outside an append are each named; exit 1", async () => {
    await signedStore();
    const db = new Database(store);
    const row = db
      .prepare("SELECT key FROM projection_rows WHERE projection = 'disclosures' ORDER BY key LIMIT 1")
      .get() as { key: string };
    db.close();
    sql(
      "UPDATE projection_rows SET value = json_set(value, '$.forged', 1) WHERE projection = 'disclosures' AND key = ?",
      row.key,
    );
    sql(
      "INSERT INTO projection_rows (projection, key, sort_key, value, count, position) VALUES ('disclosures', 'zz-forged', NULL, '{}', 0, 1)",
    );
    sql(
      "DELETE FROM projection_rows WHERE projection = 'statistics' AND key = (SELECT min(key) FROM projection_rows WHERE projection = 'statistics')",
    );
    const r = await cli("verify", "--log", "--store", store);
    expect(r.code).toBe(1);
    expect(r.out).toContain("[PROJECTION_MISMATCH]");
    expect(r.out).toContain("3 处差异");
    expect(r.out).toContain(`投影 disclosures 的行 ${row.key}：行被改动（value）`);
    expect(r.out).toContain("投影 disclosures 的行 zz-forged：多出的行：重放中没有");
    expect(r.out).toMatch(/投影 statistics 的行 \S+：缺少的行：重放中有/);
    expect((await cli("verify", "--log", "--store", store, "--skip-projections")).code).toBe(0);
  }, 120_000);

  it("draws a progress bar on stderr only when stderr is a terminal", async () => {
    expect((await cli("demo", "--store", store)).code).toBe(0);
    const run = async (errIsTTY: boolean) => {
      let err = "";
      const io: CliIo = {
        out: () => {},
        err: (s) => {
          err += s;
        },
        errIsTTY,
        clock: fixedClock("2026-11-26T02:00:00Z"),
        env: {},
        cwd: dir,
      };
      return { code: await main(["verify", "--log", "--store", store], io), err };
    };
    const tty = await run(true);
    expect(tty.code).toBe(0);
    expect(tty.err).toMatch(/验证日志 .+ \d+ \/ \d+ 件，每秒 [\d,]+ 件/);
    expect(tty.err).toContain("核对投影");
    expect(tty.err.endsWith("\r\x1b[K")).toBe(true);
    const piped = await run(false);
    expect(piped.err).toBe("");
  }, 120_000);
});
