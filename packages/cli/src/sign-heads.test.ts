// sanxiang sign on the demo's store (签名树头): a key file that is not the bureau's is refused
// and changes nothing — it no longer replaces the bureau's head at the same size — and the
// demo's heads are dated in the order its log grew, run after run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateEd25519SecretKey, seededRandom, testSigner, toHex } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, sqliteSnapshot } from "./cli.test-support.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-sign-heads-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const s = {
  get dir() {
    return dir;
  },
  cli: (...args: string[]) => runCli(args, { cwd: dir }),
};
const TEST_KEY = toHex(testSigner().publicKey);
// The public test key's secret (testSigner's seed, public by design): the demo bureau's key.
const TEST_SECRET_HEX = toHex(generateEd25519SecretKey(seededRandom(0x5a_11_7e_57)));

/** The kept heads' sizes and timestamps, by size. */
function heads(db: string): { size: number; timestamp: string; keyId: string }[] {
  const raw = new Database(db, { readonly: true });
  try {
    const rows = raw.prepare("SELECT tree_size, json FROM signed_tree_heads ORDER BY tree_size").all() as {
      tree_size: number;
      json: string;
    }[];
    return rows.map((r) => {
      const h = JSON.parse(r.json) as { timestamp: string; keyId: string };
      return { size: r.tree_size, timestamp: h.timestamp, keyId: h.keyId };
    });
  } finally {
    raw.close();
  }
}

const inOrder = (hs: readonly { timestamp: string }[]): boolean =>
  hs.every((h, i) => i === 0 || Date.parse(h.timestamp) >= Date.parse((hs[i - 1] as { timestamp: string }).timestamp));

describe("sanxiang sign: a wrong key never replaces the bureau's head (签名树头)", () => {
  it("refuses another key at the demo's signed size, leaves the store unchanged, and verify still passes", async () => {
    const db = join(s.dir, "demo.db");
    expect((await s.cli("demo", "--store", db)).code).toBe(0);
    const before = sqliteSnapshot(db);
    const wrong = join(s.dir, "wrong.key");
    writeFileSync(wrong, "11".repeat(32));
    const r = await s.cli("sign", "--key-file", wrong, "--log-id", "EXAMPLE.spt-scjgj", "--store", db);
    expect(r.code).toBe(1);
    expect(r.err).toContain("TREE_HEAD_CONFLICT");
    expect(r.err).toContain(testSigner().keyId);
    expect(sqliteSnapshot(db)).toBe(before);
    const v = await s.cli("verify", "--log", "--store", db, "--key", TEST_KEY, "--require-signed");
    expect(v.err).toBe("");
    expect(v.code).toBe(0);
    // The bureau's own key still re-signs its head.
    const own = join(s.dir, "bureau.key");
    writeFileSync(own, TEST_SECRET_HEX);
    expect((await s.cli("sign", "--key-file", own, "--log-id", "EXAMPLE.spt-scjgj", "--store", db)).code).toBe(0);
  }, 120_000);

  it("the demo signs its heads in the order its log grew, also when run again on its store", async () => {
    const db = join(s.dir, "demo.db");
    expect((await s.cli("demo", "--store", db)).code).toBe(0);
    const first = heads(db);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(inOrder(first)).toBe(true);
    expect((await s.cli("demo", "--store", db)).code).toBe(0);
    const second = heads(db);
    expect(second.length).toBeGreaterThan(first.length);
    expect(inOrder(second)).toBe(true);
    expect((await s.cli("verify", "--log", "--store", db, "--key", TEST_KEY, "--require-signed")).code).toBe(0);
  }, 180_000);
});
