import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testSigner, toHex } from "@sanxiang/core";
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
    expect(r.out).toContain("卷内文件 11 件");
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
    json.events[6].payload.fineFen = 30_000; // seq 7: the decision
    writeFileSync(file, JSON.stringify(json));
    const r = await cli("verify", file, "--key", KEY);
    expect(r.code).toBe(1);
    expect(r.out).toContain("案卷验证未通过");
    expect(r.out).toContain("[EVENT_HASH_MISMATCH]");
    expect(r.out).toContain("第 7 号事件「行政处罚决定书」");
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
