// A write that fails once it has begun — a full disk, a quota, an I/O error, a file system gone
// read-only, permission lost — is not bad input: OUTPUT_WRITE_FAILED naming the file and the
// system's reason, exit 1, the previous file byte-identical and no temporary file left. A path
// that cannot be written at all (no such directory) is still refused as input (exit 2).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as realFs from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli, sampleStore } from "./cli.test-support.js";
import { exitCodeOf } from "./main.js";
import { writeOutputFile } from "./output.js";

/** The step that fails next (and with which system error), or none. */
const fault = vi.hoisted(() => ({
  step: undefined as string | undefined,
  code: "EIO",
  /** How many calls of the step still succeed before it fails. */
  after: 0,
  /** Whether this call of `step` fails (counting down `after` first). */
  hits(step: string): boolean {
    if (this.step !== step) return false;
    if (this.after > 0) {
      this.after -= 1;
      return false;
    }
    return true;
  },
}));

function injected(step: string): Error {
  return Object.assign(new Error(`${fault.code}: injected failure, ${step}`), { code: fault.code, syscall: step });
}

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const failing =
    <A extends unknown[], R>(step: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      if (fault.hits(step)) throw injected(step);
      return fn(...a);
    };
  const mocked = {
    ...real,
    open: failing("open", real.open),
    rename: failing("rename", real.rename),
    link: failing("link", real.link),
  };
  return { ...mocked, default: mocked };
});

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const mainTs = fileURLToPath(new URL("./main.ts", import.meta.url));
const t = sampleStore("sanxiang-write-failure-");

/** Temporary files of the output helper (`.<name>.<hex>.part`) under `dir`. */
const parts = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".part"));

// A file handle's write and sync, made to fail on demand (the prototype every FileHandle shares).
const probe = await realFs.open(fileURLToPath(import.meta.url), "r");
const handleProto = Object.getPrototypeOf(probe) as Record<"write" | "sync", (...a: unknown[]) => Promise<unknown>>;
await probe.close();
for (const step of ["write", "sync"] as const) {
  const original = handleProto[step];
  vi.spyOn(handleProto, step).mockImplementation(function (this: unknown, ...a: unknown[]) {
    if (fault.hits(step)) return Promise.reject(injected(step));
    return original.apply(this, a);
  });
}

afterEach(() => {
  fault.step = undefined;
  fault.after = 0;
});

/** Runs the CLI from source in a child process whose files may grow to `limitKiB` (ulimit -f); give absolute paths. */
function runLimited(limitKiB: number, args: readonly string[]) {
  const script = `import { main } from ${JSON.stringify(mainTs)}; process.exitCode = await main(process.argv.slice(1));`;
  const node = [process.execPath, "--conditions=@sanxiang/source", "--import", "tsx", "--input-type=module", "-e"];
  const quoted = [...node, script, "--", ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
  return spawnSync("bash", ["-c", `ulimit -f ${limitKiB}; exec ${quoted}`], {
    cwd: repo,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("a write that fails midway (a real kernel refusal)", () => {
  it("a file-size limit (short write, then EFBIG): exit 1, OUTPUT_WRITE_FAILED, the old file byte-identical", () => {
    const target = join(t.dir, "case.json");
    writeFileSync(target, "keep me");
    const forced = runLimited(8, ["casefile", "--example", target, "--force"]);
    expect(forced.stderr).toContain("错误 [OUTPUT_WRITE_FAILED] 写入 ");
    expect(forced.stderr).toContain("case.json：文件超出大小限制（EFBIG）；原有文件未改动，临时文件已删除");
    expect(forced.status).toBe(1);
    expect(readFileSync(target, "utf8")).toBe("keep me");
    expect(parts(t.dir)).toEqual([]);
    // A new file: nothing at all is left, neither a truncated file nor a temporary one.
    const fresh = runLimited(8, ["casefile", "--example", join(t.dir, "new.json")]);
    expect(fresh.status).toBe(1);
    expect(existsSync(join(t.dir, "new.json"))).toBe(false);
    expect(parts(t.dir)).toEqual([]);
  }, 120_000);

  it("/dev/full behind a symlinked output (ENOSPC): exit 1 naming the file, for each command that writes one", async () => {
    for (const name of ["case.json", "opinion.txt", "laws.csv"]) symlinkSync("/dev/full", join(t.dir, name));
    for (const args of [
      ["casefile", "--example", "case.json"],
      ["equipment", "procurement", "--sample", "--preparer", "spt-sfj-01", "--out", "opinion.txt"],
      ["registry", "export", "laws", "laws.csv", "--sample"],
    ]) {
      const r = await runCli(args, { cwd: t.dir });
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err, args.join(" ")).toMatch(/^错误 \[OUTPUT_WRITE_FAILED\] 写入 \S+：磁盘空间不足（ENOSPC）\n$/);
    }
  });
});

describe("an injected failure at any step of the write", () => {
  const steps = ["write", "sync", "rename", "link"] as const;
  const codes = ["ENOSPC", "EIO", "EDQUOT", "EROFS", "EACCES", "EFBIG"] as const;

  it("leaves the previous file (or no file) and no temporary file, and is OUTPUT_WRITE_FAILED (exit 1)", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...steps),
        fc.constantFrom(...codes),
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        fc.boolean(),
        async (step, code, bytes, existing) => {
          const name = `out-${n++}.bin`;
          const path = join(t.dir, name);
          if (existing) writeFileSync(path, "keep me");
          // rename puts a file over an existing one (--force), link a new one in place.
          const force = existing;
          fault.step = step === "rename" && !force ? "link" : step === "link" && force ? "rename" : step;
          fault.code = code;
          const r = await writeOutputFile(name, bytes, { cwd: t.dir, force });
          fault.step = undefined;
          expect(r.isErr()).toBe(true);
          if (r.isOk()) return;
          expect(r.error.code).toBe("OUTPUT_WRITE_FAILED");
          expect(exitCodeOf(r.error)).toBe(1);
          expect(r.error.message).toContain(name);
          expect(r.error.details).toMatchObject({ path: name, errno: code });
          if (existing) expect(readFileSync(path, "utf8")).toBe("keep me");
          else expect(existsSync(path)).toBe(false);
          expect(parts(t.dir)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("creating the temporary file: a path the operator cannot write is input (exit 2), a full disk is not", async () => {
    fault.step = "open";
    fault.code = "EACCES";
    const denied = await writeOutputFile("a.txt", "x", { cwd: t.dir, force: false });
    expect(denied.isErr() && denied.error.code).toBe("INVALID_INPUT");
    expect(denied.isErr() && exitCodeOf(denied.error)).toBe(2);
    fault.code = "ENOSPC";
    const full = await writeOutputFile("a.txt", "x", { cwd: t.dir, force: false });
    expect(full.isErr() && full.error.code).toBe("OUTPUT_WRITE_FAILED");
    expect(full.isErr() && full.error.message).toBe("写入 a.txt：磁盘空间不足（ENOSPC）；临时文件已删除");
    expect(existsSync(join(t.dir, "a.txt"))).toBe(false);
    expect(parts(t.dir)).toEqual([]);
  });

  it("two outputs of one command: the second failing to reach the disk leaves both previous files", async () => {
    writeFileSync(join(t.dir, "case.json"), "keep me");
    writeFileSync(join(t.dir, "page.html"), "keep me too");
    fault.step = "sync";
    fault.after = 1; // the case file reaches the disk, its catalogue page does not
    fault.code = "ENOSPC";
    const r = await runCli(["casefile", "--example", "case.json", "--html", "page.html", "--force"], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain("错误 [OUTPUT_WRITE_FAILED] 写入 page.html：磁盘空间不足（ENOSPC）");
    expect(readFileSync(join(t.dir, "case.json"), "utf8")).toBe("keep me");
    expect(readFileSync(join(t.dir, "page.html"), "utf8")).toBe("keep me too");
    expect(parts(t.dir)).toEqual([]);
  });

  it("through the CLI: exit 1 and the coded line, nothing else printed", async () => {
    writeFileSync(join(t.dir, "case.json"), "keep me");
    fault.step = "sync";
    fault.code = "EIO";
    const r = await runCli(["casefile", "--example", "case.json", "--force"], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "错误 [OUTPUT_WRITE_FAILED] 写入 case.json：读写设备出错（EIO）；原有文件未改动，临时文件已删除\n",
    );
    expect(readFileSync(join(t.dir, "case.json"), "utf8")).toBe("keep me");
  });
});
