// sanxiang sign and a key change (issue 13): once the log has grown, a key other than the one
// that signed the newest kept head is refused and changes nothing, unless --new-key declares
// the bureau's key change; --new-key with the unchanged key is refused too.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bureauProjections, type CaseEvent } from "@sanxiang/core";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, sqliteSnapshot } from "./cli.test-support.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-sign-key-change-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Appends `count` notes to stream N-1 of the SQLite store `db` (created when missing). */
async function appendNotes(db: string, count: number): Promise<void> {
  const store = (await openSqliteStore({ path: db, projections: bureauProjections() }))._unsafeUnwrap();
  try {
    const held = (await store.load("N-1"))._unsafeUnwrap().length;
    for (let seq = held + 1; seq <= held + count; seq++) {
      const event: CaseEvent = {
        caseId: "N-1",
        seq,
        type: "case.noted",
        at: "2026-03-10T02:00:00Z",
        actor: { id: "officer-1", roles: ["officer"] },
        stage: "investigation",
        payload: { note: `${seq}` },
      };
      (await store.append("N-1", seq - 1, [event]))._unsafeUnwrap();
    }
  } finally {
    await store.close();
  }
}

describe("sanxiang sign --new-key (更换密钥)", () => {
  it("refuses another key over a grown log without --new-key, signs with it, then needs no flag", async () => {
    const db = join(dir, "events.db");
    const oldKey = join(dir, "old.key");
    const newKey = join(dir, "new.key");
    writeFileSync(oldKey, "22".repeat(32));
    writeFileSync(newKey, "33".repeat(32));
    const sign = (keyFile: string, ...more: string[]) =>
      runCli(["sign", "--key-file", keyFile, "--log-id", "spt-scjgj", "--store", db, ...more], { cwd: dir });
    await appendNotes(db, 2);
    expect((await sign(oldKey)).code).toBe(0);
    await appendNotes(db, 1);

    const before = sqliteSnapshot(db);
    const refused = await sign(newKey);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("TREE_HEAD_CONFLICT");
    expect(refused.err).toContain("与签署最新签名树头的密钥不同");
    expect(refused.err).toContain("--new-key");
    expect(sqliteSnapshot(db)).toBe(before);

    const sameKey = await sign(oldKey, "--new-key");
    expect(sameKey.code).toBe(1);
    expect(sameKey.err).toContain("INVALID_INPUT");
    expect(sqliteSnapshot(db)).toBe(before);

    const changed = await sign(newKey, "--new-key");
    expect(changed.err).toBe("");
    expect(changed.code).toBe(0);
    expect(changed.out).toContain("已声明更换密钥");
    expect(changed.out).toContain("树大小 3");

    await appendNotes(db, 1);
    expect((await sign(newKey)).code).toBe(0);
    await appendNotes(db, 1);
    const old = await sign(oldKey);
    expect(old.code).toBe(1);
    expect(old.err).toContain("TREE_HEAD_CONFLICT");
  }, 60_000);

  it("refuses --new-key at the size already signed: the log must grow first", async () => {
    const db = join(dir, "events.db");
    writeFileSync(join(dir, "old.key"), "22".repeat(32));
    writeFileSync(join(dir, "new.key"), "33".repeat(32));
    await appendNotes(db, 1);
    const sign = (keyFile: string, ...more: string[]) =>
      runCli(["sign", "--key-file", join(dir, keyFile), "--log-id", "spt-scjgj", "--store", db, ...more], { cwd: dir });
    expect((await sign("old.key")).code).toBe(0);
    const before = sqliteSnapshot(db);
    const r = await sign("new.key", "--new-key");
    expect(r.code).toBe(1);
    expect(r.err).toContain("在日志记录新的事件后");
    expect(sqliteSnapshot(db)).toBe(before);
  }, 60_000);
});
