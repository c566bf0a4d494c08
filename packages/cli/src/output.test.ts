// Every command that writes a file refuses an existing target without --force (exit 2, a coded
// message, the file untouched), replaces it with --force, and leaves no temporary file behind.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sanxiangError } from "@sanxiang/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli, sampleStore } from "./cli.test-support.js";
import { DEMO_STEPS } from "./demo-case.js";
import { formatError, withoutRepeatedCitations } from "./format-error.js";
import { beginOutput, outputFile, writeOutputFile } from "./output.js";

const t = sampleStore("sanxiang-output-");
const cli = t.cli;
/** Runs `sanxiang` in the test's directory without the sample store (for `--store memory`). */
const bare = (...args: string[]) => runCli(args, { cwd: t.dir });

/** No temporary file of the output helper (`.<name>.<hex>.part`) anywhere under `dir`. */
function parts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".part"));
}

/** Runs `args` against an existing `target`: refused and untouched, then replaced with --force. */
async function refusesThenForces(target: string, args: readonly string[]): Promise<void> {
  const path = join(t.dir, target);
  writeFileSync(path, "keep me");
  const refused = await cli(...args);
  expect(refused.code, args.join(" ")).toBe(2);
  expect(refused.err, args.join(" ")).toContain("[INVALID_INPUT]");
  expect(refused.err, args.join(" ")).toContain(`${target} 已存在：如需覆盖请加 --force`);
  expect(readFileSync(path, "utf8")).toBe("keep me");
  const forced = await cli(...args, "--force");
  expect(forced.err, args.join(" ")).toBe("");
  expect(forced.code, args.join(" ")).toBe(0);
  expect(readFileSync(path, "utf8")).not.toBe("keep me");
  expect(parts(t.dir)).toEqual([]);
}

describe("an existing output needs --force, for every command that writes a file", () => {
  it("review opinion --out, equipment procurement --out, casefile, registry export", async () => {
    await refusesThenForces("opinion.txt", [
      "equipment",
      "procurement",
      "--sample",
      "--preparer",
      "spt-sfj-01",
      "--out",
      "opinion.txt",
    ]);
    await refusesThenForces("laws.csv", ["registry", "export", "laws", "laws.csv", "--sample"]);
    await refusesThenForces("example.json", ["casefile", "--example", "example.json"]);
    // Two outputs: one of them existing refuses both, nothing written.
    writeFileSync(join(t.dir, "page.html"), "keep me");
    const both = await cli("casefile", "--example", "fresh.json", "--html", "page.html");
    expect(both.code).toBe(2);
    expect(existsSync(join(t.dir, "fresh.json"))).toBe(false);
  }, 60_000);

  it("review opinion --out: a refused opinion touches no file", async () => {
    // A case submitted for review and concluded, through `case do` (as the demo's §8 does).
    const filing = DEMO_STEPS[0];
    if (filing === undefined) throw new Error("no demo step");
    const { type, ...fields } = filing.command;
    const filed = await cli(
      "case",
      "C-1",
      "do",
      type,
      "--as",
      filing.actor.id,
      "--at",
      filing.at,
      "--data",
      JSON.stringify(fields),
    );
    expect(filed.code).toBe(0);
    // No review yet: refused with its code before any file is touched.
    writeFileSync(join(t.dir, "o.md"), "keep me");
    const none = await cli("review", "opinion", "C-1", "--out", "o.md", "--sample");
    expect(none.code).toBe(2);
    expect(readFileSync(join(t.dir, "o.md"), "utf8")).toBe("keep me");
  });

  it("publish --out: a new or empty directory, or a site built before; any other directory needs --force", async () => {
    mkdirSync(join(t.dir, "notes"));
    writeFileSync(join(t.dir, "notes", "mine.txt"), "keep me");
    const refused = await bare("publish", "--out", "notes", "--store", "memory", "--sample", "--body", "spt-scjgj");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("notes 已有文件：如需覆盖请加 --force");
    expect(readdirSync(join(t.dir, "notes"))).toEqual(["mine.txt"]);
    const site = ["publish", "--out", "site", "--store", "memory", "--sample", "--body", "spt-scjgj"];
    expect((await bare(...site)).code).toBe(0);
    expect((await bare(...site)).code).toBe(0); // its own site: updated in place
    writeFileSync(join(t.dir, "file"), "x");
    expect((await bare("publish", "--out", "file", "--store", "memory", "--sample")).err).toContain("不是目录");
  }, 60_000);

  it("demo --site: a directory holding other files is refused before anything is stored", async () => {
    mkdirSync(join(t.dir, "busy"));
    writeFileSync(join(t.dir, "busy", "x.txt"), "x");
    const r = await bare("demo", "--store", "memory", "--site", "busy");
    expect(r.code).toBe(2);
    expect(r.err).toContain("busy 已有文件：如需覆盖请加 --force");
    expect(r.out).not.toContain("存储：");
  });
});

describe("the output helper", () => {
  it("writes whole files or nothing: an aborted output leaves neither the target nor a temporary file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, commit) => {
        const name = `f-${commit}.bin`;
        const target = await outputFile(name, { cwd: t.dir, force: true });
        if (target.isErr()) throw target.error;
        const pending = await beginOutput(target.value);
        if (pending.isErr()) throw pending.error;
        await pending.value.write(bytes);
        if (commit) expect((await pending.value.commit()).isOk()).toBe(true);
        else await pending.value.abort();
        if (commit) expect(new Uint8Array(readFileSync(join(t.dir, name)))).toEqual(bytes);
        else expect(existsSync(join(t.dir, name))).toBe(false);
        expect(parts(t.dir)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("never replaces a file that appeared after the check, without --force", async () => {
    const target = await outputFile("late.txt", { cwd: t.dir, force: false });
    if (target.isErr()) throw target.error;
    const pending = await beginOutput(target.value);
    if (pending.isErr()) throw pending.error;
    await pending.value.write("new");
    writeFileSync(join(t.dir, "late.txt"), "written meanwhile");
    const done = await pending.value.commit();
    expect(done.isErr() && done.error.code).toBe("INVALID_INPUT");
    expect(readFileSync(join(t.dir, "late.txt"), "utf8")).toBe("written meanwhile");
    expect(parts(t.dir)).toEqual([]);
  });

  it("a directory that does not exist: refused naming the path, nothing left", async () => {
    const r = await writeOutputFile(join("no-such", "x.txt"), "x", { cwd: t.dir, force: false });
    expect(r.isErr() && r.error.message).toMatch(/no-such.*ENOENT/);
    expect(parts(t.dir)).toEqual([]);
  });
});

describe("a refusal cites its rule once", () => {
  const source = { law: "行政处罚法", article: 34 } as const;
  it("formatError does not repeat a citation the message already holds, in either language", () => {
    const e = sanxiangError("BENCHMARK_NOT_APPLIED", "须载明适用的裁量基准（依据：《行政处罚法》第三十四条）", {
      source,
    });
    expect(formatError("zh", e)).toBe(
      "错误 [BENCHMARK_NOT_APPLIED] 须载明适用的裁量基准（依据：《行政处罚法》第三十四条）\n",
    );
    expect(formatError("en", e)).toBe(
      "error [BENCHMARK_NOT_APPLIED] 须载明适用的裁量基准（依据：《行政处罚法》第三十四条）\n",
    );
    const bare = sanxiangError("BENCHMARK_NOT_APPLIED", "须载明适用的裁量基准", { source });
    expect(formatError("zh", bare)).toContain("须载明适用的裁量基准（依据：《行政处罚法》第三十四条）");
  });

  it("withoutRepeatedCitations keeps the first of each citation, item numbers in parentheses and all", () => {
    const c = "（依据：《行政强制法》第二十四条第二款第（二）项）";
    expect(withoutRepeatedCitations(`甲${c}乙${c}丙（依据：《行政处罚法》第五条）`)).toBe(
      `甲${c}乙丙（依据：《行政处罚法》第五条）`,
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(c, "（依据：《行政处罚法》第五条）", "文字", "（）"), { maxLength: 8 }),
        (bits) => {
          const once = withoutRepeatedCitations(bits.join(""));
          for (const cite of [c, "（依据：《行政处罚法》第五条）"])
            expect(once.split(cite).length - 1).toBe(bits.some((b) => b === cite) ? 1 : 0);
        },
      ),
    );
  });

  it("no CLI refusal prints the same citation twice: a rule-refused case step, a review not found, bad input", async () => {
    const filing = DEMO_STEPS[0];
    if (filing === undefined) throw new Error("no demo step");
    const outputs: string[] = [];
    for (const step of DEMO_STEPS.slice(0, 6)) {
      const { type, ...fields } = step.command;
      const r = await cli(
        "case",
        "C-2",
        "do",
        type,
        "--as",
        step.actor.id,
        "--at",
        step.at,
        "--data",
        JSON.stringify(fields),
      );
      outputs.push(r.err);
    }
    // case.decide without the applied benchmark is refused by 行政处罚法 Art. 34, cited in the message.
    expect(outputs.join("")).toContain("[BENCHMARK_NOT_APPLIED]");
    outputs.push(
      (await cli("case", "C-2", "do", "case.close", "--as", "spt-scj-head", "--at", "2026-03-20T02:00:00Z")).err,
    );
    outputs.push((await cli("review", "opinion", "C-2", "--sample")).err);
    outputs.push((await cli("verify", "--log", "--key", "zz")).err);
    for (const err of outputs) {
      for (const line of err.split("\n")) {
        const cites = line.match(/（依据：[^（）]*(?:（[^（）]*）[^（）]*)*）/g) ?? [];
        expect(new Set(cites).size, line).toBe(cites.length);
      }
    }
  });
});

describe("the README's --force snippet runs as written", () => {
  it("writes, refuses the same file (exit 2), replaces it with --force", async () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("Files a command writes"));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const lines = block.split("\n").filter((l) => l.startsWith("sanxiang "));
    expect(lines).toHaveLength(3);
    const codes: number[] = [];
    for (const line of lines) {
      const args = (line.split("#")[0] ?? "").trim().split(/\s+/).slice(1);
      codes.push((await runCli(args, { cwd: t.dir })).code);
    }
    expect(codes).toEqual([0, 2, 0]);
  });
});
