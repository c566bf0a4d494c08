// A third hostile pass: a failed standard output, an option given twice, a store that is a
// directory or an empty `sqlite:`, a store that cannot be opened, an empty bodies registry.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bureauProjections } from "@sanxiang/core";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli, sampleStore, sqliteSnapshot } from "./cli.test-support.js";
import { beginOutput, outputFile } from "./output.js";
import { terminalSafe } from "./terminal-safe.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const mainTs = fileURLToPath(new URL("./main.ts", import.meta.url));

/** Runs the CLI as the bin does (the real process's streams), standard output going to `stdout`. */
function runProcess(args: readonly string[], stdout: number | "pipe") {
  const script = `import { main } from ${JSON.stringify(mainTs)}; process.exitCode = await main(process.argv.slice(1));`;
  return spawnSync(
    process.execPath,
    ["--conditions=@sanxiang/source", "--import", "tsx", "--input-type=module", "-e", script, "--", ...args],
    { cwd: repo, stdio: ["ignore", stdout, "pipe"], encoding: "utf8", timeout: 60_000 },
  );
}

const S = sampleStore("sanxiang-hostile3-");

/** case.file data of a sample case. */
const FILING = {
  party: { kind: "organisation", name: "沙坡头区示例超市（示例）" },
  category: "价格监督检查",
  violation: "经营者销售商品未明码标价",
  regionCode: "640502",
  officerIds: ["spt-scj-01", "spt-scj-02"],
  actDate: "2026-02-26",
  records: [{ id: "filing-approval", kind: "document" }],
};

async function fileCase(id: string): Promise<void> {
  const r = await S.cli(
    "case",
    id,
    "do",
    "case.file",
    "--as",
    "spt-scj-01",
    "--at",
    "2026-03-02T02:00:00Z",
    "--data",
    JSON.stringify(FILING),
  );
  expect(r.code).toBe(0);
}

describe("standard output that cannot be written", () => {
  it("> /dev/full: a coded Chinese message and exit 1, even for a command that would pass", async () => {
    await fileCase("H3-000");
    const full = openSync("/dev/full", "w");
    try {
      for (const args of [
        ["deadline", "2026-09-30", "7", "--workdays"],
        ["verify", "--log", "--store", S.db],
      ]) {
        const r = runProcess(args, full);
        expect(r.status, args.join(" ")).toBe(1);
        expect(r.stderr).toContain("错误 [OUTPUT_WRITE_FAILED] 标准输出写入失败：磁盘空间不足（ENOSPC）");
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      closeSync(full);
    }
  }, 60_000);
});

describe("an option given twice", () => {
  it("with two different values is refused (exit 2) before anything runs; the same value twice passes", async () => {
    const other = join(S.dir, "other.db");
    const r = await runCli(["cases", "--sample", "--store", S.db, "--store", other], { cwd: S.dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain("[INVALID_INPUT] 选项 --store 给出了两次，值不同");
    expect(r.err).toContain(JSON.stringify(other));
    const dates = await runCli(["deadline", "2026-01-01", "3", "--region", "640502", "--region", "640000"]);
    expect(dates.code).toBe(2);
    expect(dates.err).toContain("选项 --region 给出了两次");
    const same = await runCli(["deadline", "2026-01-01", "3", "--lang", "en", "--lang", "en"]);
    expect(same.code).toBe(0);
    // Options that take a list still take one value each time.
    const list = await runCli([
      "penalty",
      "recommend",
      "SPT-SC-JG-07-A",
      "--sample",
      "--circumstance",
      "a",
      "--circumstance",
      "b",
    ]);
    expect(list.err).not.toContain("给出了两次");
  });
});

describe("a store that is not a database file", () => {
  it("sqlite: with no path, and a directory named as the store: INVALID_INPUT, exit 2, nothing created", async () => {
    const empty = await runCli(["cases", "--sample", "--store", "sqlite:"], { cwd: S.dir });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("[INVALID_INPUT] 存储 sqlite: 后缺少文件路径");
    mkdirSync(join(S.dir, "folder.db"));
    for (const spec of ["folder.db", "sqlite:folder.db"]) {
      const r = await runCli(["verify", "--log", "--store", spec], { cwd: S.dir });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^错误 \[INVALID_INPUT\] 存储不是文件 \S*folder\.db：这是一个目录/);
      expect(readdirSync(join(S.dir, "folder.db"))).toEqual([]);
    }
    const here = await runCli(["cases", "--sample", "--store", "sqlite:."], { cwd: S.dir });
    expect(here.code).toBe(2);
  });

  it("an unreachable PostgreSQL: STORE_UNAVAILABLE with the driver's reason, exit 1, no hang", async () => {
    const r = await runCli(["cases", "--sample", "--store", "postgres://nobody@127.0.0.1:1/none"], { cwd: S.dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^错误 \[STORE_UNAVAILABLE\] 无法打开存储 postgres:\/\/nobody@127\.0\.0\.1:1\/none：无法连接 PostgreSQL 数据库（原因：/,
    );
    expect(r.err).toContain("ECONNREFUSED");
  }, 30_000);
});

describe("no bodies registry", () => {
  it("a read of the store without --sample or --dir names what is missing instead of an empty body id", async () => {
    // A store with one case, written with the sample registries; then read with an empty --dir.
    await fileCase("H3-001");
    const before = sqliteSnapshot(S.db);
    const empty = join(S.dir, "registries");
    mkdirSync(empty);
    for (const args of [["cases"], ["case", "H3-001", "show"], ["case", "H3-001", "commands"]]) {
      const r = await runCli([...args, "--store", S.db, "--dir", empty], { cwd: S.dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toContain("执法主体数据库在 2026-11-26 没有有效的执法主体：请以 --sample");
      expect(r.err).not.toContain("bodyId「」");
    }
    expect(sqliteSnapshot(S.db)).toBe(before);
  });
});

/** What the terminal must never receive raw (terminal-safe.ts's list, written out again). */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\r(?!\n)|[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

describe("characters that would drive the terminal", () => {
  const hostileName = "示例\u001b]0;PWNED\u0007\u001b[31m红\u202Eabc\u0085";

  it("a stored party name and a case file's bytes are printed with ESC, BEL, C1 and bidi escaped; JSON stays JSON", async () => {
    const data = { ...FILING, party: { kind: "organisation", name: hostileName } };
    const refused = await S.cli(
      "case",
      "H3-ESC",
      "do",
      "case.file",
      "--as",
      "spt-scj-01",
      "--at",
      "2026-03-02T02:00:00Z",
      "--data",
      JSON.stringify(data),
    );
    // A command with such a name is refused at the door (INVALID_INPUT naming field, character, place) …
    expect(refused.code).not.toBe(0);
    expect(refused.out + refused.err).not.toMatch(UNSAFE);
    expect(refused.err).toContain("U+001B");
    expect(refused.err).toContain("party");
    // … but one recorded before that check is history, read back as stored: written here behind the CLI.
    await fileCase("H3-TMPL");
    const store = openSqliteStore({ path: S.db, projections: bureauProjections() })._unsafeUnwrap();
    try {
      const [template] = (await store.load("H3-TMPL"))._unsafeUnwrap();
      if (template === undefined) throw new Error("no filing");
      const filed = { ...template, caseId: "H3-ESC", payload: { ...template.payload, party: data.party } };
      (await store.append("H3-ESC", 0, [filed]))._unsafeUnwrap();
    } finally {
      await store.close();
    }
    const file = join(S.dir, "esc.json");
    writeFileSync(file, "\u001b]0;PWNED\u0007\u001b[31mRED");
    const runs = [
      await S.cli("cases"),
      await S.cli("case", "H3-ESC", "show"),
      await runCli(["verify", file, "--key", "00"], { cwd: S.dir }),
      await S.cli("case", "H3-ESC", "do", "case.file", "--as", "spt-scj-01", "--data-file", file),
    ];
    for (const r of runs) {
      expect(r.out + r.err).not.toMatch(UNSAFE);
    }
    expect(runs[0]?.out).toContain("示例\\u001b]0;PWNED\\u0007\\u001b[31m红\\u202eabc\\u0085");
    expect(runs[2]?.err).toContain("\\u001b]0;PWNED\\u0007");
    const json = await S.cli("cases", "--json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { caseId: string; partyName: string }[];
    expect(parsed.find((c) => c.caseId === "H3-ESC")?.partyName).toBe(hostileName);
  });

  it("terminalSafe escapes exactly the unsafe characters; tab, line feed and CRLF pass", () => {
    expect(terminalSafe("a\tb\nc\r\nd")).toBe("a\tb\nc\r\nd");
    expect(terminalSafe("a\rb\u001b[2Jc\u2066d\u200Fe")).toBe("a\\u000db\\u001b[2Jc\\u2066d\\u200fe");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const safe = terminalSafe(s);
        expect(safe).not.toMatch(UNSAFE);
        // Nothing but the unsafe characters changes.
        expect(safe.replace(/\\u[0-9a-f]{4}/g, "")).toBe(s.replace(/\\u[0-9a-f]{4}/g, "").replace(UNSAFE_ALL, ""));
      }),
    );
  });
});

describe("a store file of 0 bytes", () => {
  it("is refused by every command that does not create its store: verify --log never passes it, nothing is written", async () => {
    const empty = join(S.dir, "wiped.db");
    writeFileSync(empty, "");
    for (const args of [["verify", "--log"], ["cases", "--sample"], ["duties"], ["deadlines"]]) {
      const r = await runCli([...args, "--store", empty], { cwd: S.dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toContain(`错误 [STORE_NOT_FOUND] 存储是空文件 ${empty}：0 字节，不是已建立的事件存储`);
      expect(r.out).not.toContain("验证通过");
      expect(statSync(empty).size).toBe(0);
    }
  });
});

describe("Ctrl-C in the middle of a write", () => {
  it("removes what is in flight and ends with 130 (143 for SIGTERM), saying so", async () => {
    const interruptTs = fileURLToPath(new URL("./interrupt.ts", import.meta.url));
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const) {
      const part = join(S.dir, `half-${signal}.part`);
      const script = [
        `import { writeFileSync, rmSync } from "node:fs";`,
        `import { onInterrupt } from ${JSON.stringify(interruptTs)};`,
        `writeFileSync(${JSON.stringify(part)}, "half");`,
        `onInterrupt(() => rmSync(${JSON.stringify(part)}));`,
        `process.stdout.write("ready\\n");`,
        "setInterval(() => {}, 1000);",
      ].join("\n");
      const child = spawn(
        process.execPath,
        ["--conditions=@sanxiang/source", "--import", "tsx", "--input-type=module", "-e", script],
        { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
      );
      let err = "";
      child.stderr.on("data", (b: Buffer) => {
        err += b.toString("utf8");
      });
      await new Promise<void>((ready) => child.stdout.once("data", () => ready()));
      expect(existsSync(part)).toBe(true);
      child.kill(signal);
      const exit = await new Promise<number | null>((done) => child.once("exit", (c) => done(c)));
      expect(exit).toBe(code);
      expect(existsSync(part)).toBe(false);
      expect(err).toContain(`已中断（${signal}）`);
    }
  }, 60_000);

  it("an output holds the handlers only while its temporary file exists; a signal acts as usual otherwise", async () => {
    const before = process.listenerCount("SIGINT");
    const target = await outputFile("out.txt", { cwd: S.dir, force: false, option: "out" });
    if (target.isErr()) throw target.error;
    const pending = await beginOutput(target.value);
    if (pending.isErr()) throw pending.error;
    expect(process.listenerCount("SIGINT")).toBe(before + 1);
    expect(process.listenerCount("SIGTERM")).toBeGreaterThan(0);
    // What the handler would remove is this output's temporary file.
    const [temp] = readdirSync(S.dir).filter((n) => n.endsWith(".part"));
    expect(temp).toBeDefined();
    await pending.value.write("x");
    expect((await pending.value.commit()).isOk()).toBe(true);
    expect(process.listenerCount("SIGINT")).toBe(before);
    const again = await outputFile("other.txt", { cwd: S.dir, force: false, option: "out" });
    if (again.isErr()) throw again.error;
    const aborted = await beginOutput(again.value);
    if (aborted.isErr()) throw aborted.error;
    await aborted.value.abort();
    expect(process.listenerCount("SIGINT")).toBe(before);
  });
});

describe("--data-file bytes that are no text", () => {
  it("INVALID_INPUT asking for UTF-8 JSON, not the spreadsheet advice; nothing recorded", async () => {
    const file = join(S.dir, "noise.json");
    writeFileSync(file, Buffer.from([0x7b, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0x7d, 0x0a, 0xc3, 0x28]));
    const r = await S.cli("case", "H3-BIN", "do", "case.file", "--as", "spt-scj-01", "--data-file", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("[INVALID_INPUT] 命令数据无法读取：");
    expect(r.err).toContain("应为 UTF-8 编码的 JSON");
    expect(r.err).not.toContain("Excel");
    expect(existsSync(S.db)).toBe(false);
  });
});

describe("deadline: a period past the limit", () => {
  it("names the range instead of calling 100000 not a non-negative integer", async () => {
    const r = await runCli(["deadline", "2026-01-01", "100000", "--workdays"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("期间应为非负整数（0 至 99999）：100000");
  });
});
