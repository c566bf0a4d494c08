// Every refusal the CLI prints has the coded form `错误 [CODE] …` and the exit code the README
// states: unreadable input files (INVALID_INPUT, 2), a store that is missing, not a file, empty
// (2) or cannot be opened (1), a case the store does not have (2), a registry without data (2).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-coded-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const p = (name: string): string => join(dir, name);

/** An established, empty SQLite store (its schema written). */
async function emptyStore(): Promise<string> {
  const path = p("events.db");
  await openSqliteStore({ path })._unsafeUnwrap().close();
  return path;
}

/** The one line a refusal prints: starts `错误 [CODE] ` and is the whole of standard error. */
function expectRefusal(r: { code: number; out: string; err: string }, exit: number, code: string, text: string): void {
  expect(r.err.startsWith(`错误 [${code}] `), r.err).toBe(true);
  expect(r.err).toContain(text);
  expect(r.err).not.toMatch(/错误：/);
  expect(r.code).toBe(exit);
}

describe("refusals print 错误 [CODE] and the README's exit code", () => {
  it("sign: an unreadable key file is INVALID_INPUT, exit 2", async () => {
    const db = await emptyStore();
    const key = p("missing.key");
    const r = await runCli(["sign", "--key-file", key, "--log-id", "x", "--store", db], { cwd: dir });
    expectRefusal(r, 2, "INVALID_INPUT", `无法读取私钥文件 ${key}：文件或目录不存在（ENOENT）`);
    mkdirSync(p("keydir"));
    const d = await runCli(["sign", "--key-file", p("keydir"), "--log-id", "x", "--store", db], { cwd: dir });
    expectRefusal(d, 2, "INVALID_INPUT", "无法读取私钥文件");
  });

  it("casefile: an unreadable key file is INVALID_INPUT, exit 2; a case the store lacks is INVALID_INPUT, exit 2", async () => {
    const db = await emptyStore();
    const key = p("missing.key");
    const k = await runCli(["casefile", "CASE-1", p("out.json"), "--key-file", key, "--store", db], { cwd: dir });
    expectRefusal(k, 2, "INVALID_INPUT", `无法读取私钥文件 ${key}：文件或目录不存在（ENOENT）`);
    const none = await runCli(["casefile", "NOPE", p("out.json"), "--store", db], { cwd: dir });
    expectRefusal(none, 2, "INVALID_INPUT", "存储中没有案件 NOPE");
  });

  it("verify: an unreadable case file is INVALID_INPUT, exit 2", async () => {
    const file = p("absent.json");
    const r = await runCli(["verify", file, "--key", "00"], { cwd: dir });
    expectRefusal(r, 2, "INVALID_INPUT", `无法读取案卷文件 ${file}：文件或目录不存在（ENOENT）`);
  });

  it("the store: missing → STORE_NOT_FOUND 2, a directory → INVALID_INPUT 2, 0 bytes → STORE_NOT_FOUND 2, not a database → exit 1", async () => {
    const missing = p("absent.db");
    expectRefusal(
      await runCli(["deadlines", "--store", missing], { cwd: dir }),
      2,
      "STORE_NOT_FOUND",
      `存储不存在 ${missing}：请检查 --store / --dir`,
    );
    mkdirSync(p("folder.db"));
    expectRefusal(
      await runCli(["deadlines", "--store", p("folder.db")], { cwd: dir }),
      2,
      "INVALID_INPUT",
      `存储不是文件 ${p("folder.db")}：`,
    );
    writeFileSync(p("wiped.db"), "");
    expectRefusal(
      await runCli(["deadlines", "--store", p("wiped.db")], { cwd: dir }),
      2,
      "STORE_NOT_FOUND",
      `存储是空文件 ${p("wiped.db")}：0 字节，不是已建立的事件存储`,
    );
    writeFileSync(p("garbage.db"), "this is not an SQLite database, only text that says so\n".repeat(200));
    const g = await runCli(["deadlines", "--store", p("garbage.db")], { cwd: dir });
    expect(g.err).toMatch(/^错误 \[[A-Z_]+\] /);
    expect(g.err).toContain("garbage.db");
    expect(g.err).not.toMatch(/错误：/);
    expect(g.code).toBe(1);
  });

  it("registry check and penalty check on a registry directory without data: REGISTRY_NOT_FOUND, exit 2", async () => {
    const reg = p("registry");
    mkdirSync(reg);
    expectRefusal(
      await runCli(["registry", "check", "--dir", reg], { cwd: dir }),
      2,
      "REGISTRY_NOT_FOUND",
      "中尚无数据库；请先运行 sanxiang registry import",
    );
    expectRefusal(
      await runCli(["penalty", "check", "SPT-SC-JG-07-A", "--fine", "100", "--dir", reg], { cwd: dir }),
      2,
      "REGISTRY_NOT_FOUND",
      "中没有裁量基准",
    );
  });
});
