// The CLI README's first lines, run as a stranger types them in an empty directory: `demo`,
// then the later commands on the store the demo made (through SANXIANG_STORE), and the hint a
// command gives when pointed at no store names where the demo's store is.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

const dir = mkdtempSync(join(tmpdir(), "sanxiang-readme-flow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the CLI README's quick lines", () => {
  it("demo, then verify --log --require-signed, casefile and verify of the file on the demo's store", async () => {
    const demo = await runCli(["demo"], { cwd: dir });
    expect(demo.code).toBe(0);
    const key = /--key ([0-9a-f]{64})/.exec(demo.out)?.[1];
    expect(key).toBeDefined();

    // Without SANXIANG_STORE the default store is not the demo's: the hint says where that is.
    const none = await runCli(["verify", "--log"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.err).toContain("STORE_NOT_FOUND");
    expect(none.err).toContain("--store .sanxiang/demo/events.db");

    const env = { SANXIANG_STORE: ".sanxiang/demo/events.db" };
    const verified = await runCli(["verify", "--log", "--require-signed"], { cwd: dir, env });
    expect(verified.err).toBe("");
    expect(verified.code).toBe(0);
    const file = await runCli(["casefile", "SPT-SCJ-DEMO-001", "case.json"], { cwd: dir, env });
    expect(file.code).toBe(0);
    const checked = await runCli(["verify", join(dir, "case.json"), "--key", key ?? ""], { cwd: dir, env });
    expect(checked.code).toBe(0);
  });
});
