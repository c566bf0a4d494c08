// `sanxiang case <id> evidence attach|open|list` on a real SQLite store and the filesystem evidence
// store beside it: 证据入卷 (行政处罚法 Art. 46 evidence kinds; 行政处罚法 Art. 47: the whole
// process recorded and archived) appends the item and its custody after the bytes are stored;
// 证据调取 appends the custody step `accessed` with its purpose before the bytes are written out.
// Hostile input is refused with a Chinese message and the event store stays byte-for-byte the same.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, sampleStore } from "./cli.test-support.js";
import { DEMO_STEPS } from "./demo-case.js";

const t = sampleStore("sanxiang-evidence-cli-");
const cli = t.cli;
const log = t.log;

const CASE = "SPT-SCJ-EV-001";
const filing = DEMO_STEPS[0];
const officer = filing?.actor.id ?? "";
const VIDEO = "执法记录仪视频（示例字节）".repeat(100);

/** Files the case (行政处罚法 Art. 54) and writes the recording to attach. */
async function fileCase() {
  if (filing === undefined) throw new Error("DEMO_STEPS is empty");
  const { type, ...fields } = filing.command;
  const r = await cli("case", CASE, "do", type, "--as", officer, "--at", filing.at, "--data", JSON.stringify(fields));
  expect(r.err).toBe("");
  writeFileSync(join(t.dir, "clip.mp4"), VIDEO);
}

const attachArgs = (file: string, ...more: string[]) => [
  "case",
  CASE,
  "evidence",
  "attach",
  file,
  "--as",
  officer,
  "--at",
  "2026-03-03T03:00:00Z",
  "--device",
  "cam-01",
  "--captured-at",
  "2026-03-03T02:10:00Z",
  "--stage",
  "investigation",
  ...more,
];

describe("sanxiang case evidence: attach, list, open (证据入卷与调取)", () => {
  it("stores the bytes beside the event store, records the item and its custody, and opens them with 调取 recorded first", async () => {
    await fileCase();
    const attached = await cli(...attachArgs("clip.mp4", "--json"));
    expect(attached.err).toBe("");
    expect(attached.code).toBe(0);
    const a = JSON.parse(attached.out);
    const sha = createHash("sha256").update(VIDEO).digest("hex");
    expect(a.item.hash).toEqual({ algorithm: "sha256", hex: sha });
    expect(a.item.mediaType).toBe("video/mp4"); // from the extension
    expect(a.item.evidenceType).toBe("audioVisual"); // 视听资料 (行政处罚法 Art. 46)
    expect(a.evidenceDir).toBe(`${t.db}.evidence`);
    expect(existsSync(join(`${t.db}.evidence`, "sha256", sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);
    expect(a.events.map((e: { type: string }) => e.type)[0]).toBe("evidence.attached");
    expect(a.created).toBe(true);

    // The same file attached again (a retried command): the recorded item, nothing appended.
    const logBefore = log();
    const again = await cli(...attachArgs("clip.mp4"));
    expect(again.code).toBe(0);
    expect(again.out).toContain(`clip.mp4 已存在：即案件 ${CASE} 的证据 ${a.evidenceId}`);
    expect(log()).toBe(logBefore);
    const againJson = JSON.parse((await cli(...attachArgs("clip.mp4", "--json"))).out);
    expect(againJson).toMatchObject({ created: false, evidenceId: a.evidenceId, events: [] });

    const listed = await cli("case", CASE, "evidence", "list");
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(a.evidenceId);
    expect(listed.out).toContain("视听资料");
    const before = JSON.parse((await cli("case", CASE, "evidence", "list", "--json")).out).evidence[0].custody.steps;

    const opened = await cli(
      "case",
      CASE,
      "evidence",
      "open",
      a.evidenceId,
      "--as",
      officer,
      "--at",
      "2026-03-04T03:00:00Z",
      "--purpose",
      "法制审核",
      "--verify",
      "--out",
      "copy.mp4",
    );
    expect(opened.err).toBe("");
    expect(opened.code).toBe(0);
    expect(opened.out).toContain("用途：法制审核");
    expect(readFileSync(join(t.dir, "copy.mp4"), "utf8")).toBe(VIDEO);
    const after = JSON.parse((await cli("case", CASE, "evidence", "list", "--json")).out).evidence[0].custody.steps;
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ kind: "accessed", at: "2026-03-04T03:00:00Z", purpose: "法制审核" });
    expect((await cli("case", CASE, "show")).out).toContain("custody.recorded");
  });

  it("refuses hostile input and appends nothing", async () => {
    await fileCase();
    const a = JSON.parse((await cli(...attachArgs("clip.mp4", "--json"))).out);
    mkdirSync(join(t.dir, "folder"));
    writeFileSync(join(t.dir, "existing.bin"), "keep me");
    writeFileSync(join(t.dir, "notes.bin"), "bytes of no known kind");
    const before = log();
    const refusals: [string[], RegExp][] = [
      [attachArgs("missing.mp4"), /证据文件不存在：missing\.mp4/],
      [attachArgs("folder"), /folder 不是文件/],
      [attachArgs("notes.bin"), /--evidence-type/], // no kind for octet-stream
      [attachArgs("clip.mp4", "--stage", "nowhere"), /INVALID_INPUT|stage/],
      [
        [
          "case",
          CASE,
          "evidence",
          "attach",
          "clip.mp4",
          "--as",
          "nobody",
          "--captured-at",
          "2026-03-03T02:10:00Z",
          "--stage",
          "investigation",
        ],
        /ACTOR_NOT_REGISTERED|没有/,
      ],
      [
        ["case", CASE, "evidence", "open", "no-such-id", "--as", officer, "--purpose", "复议答复", "--out", "x.bin"],
        /EVIDENCE_NOT_FOUND|no-such-id/,
      ],
      [["case", CASE, "evidence", "open", a.evidenceId, "--as", officer, "--out", "y.bin"], /--purpose/],
      [
        ["case", CASE, "evidence", "open", a.evidenceId, "--as", officer, "--purpose", "  ", "--out", "y.bin"],
        /--purpose/,
      ],
      [["case", CASE, "evidence", "open", a.evidenceId, "--as", officer, "--purpose", "复议答复"], /--out/],
      [
        [
          "case",
          CASE,
          "evidence",
          "open",
          a.evidenceId,
          "--as",
          officer,
          "--purpose",
          "复议答复",
          "--out",
          "existing.bin",
        ],
        /已存在：如需覆盖请加 --force/,
      ],
      [
        [
          "case",
          CASE,
          "evidence",
          "open",
          a.evidenceId,
          "--as",
          officer,
          "--purpose",
          "复议答复",
          "--out",
          "folder",
          "--force",
        ],
        /不是普通文件/,
      ],
    ];
    for (const [args, message] of refusals) {
      const r = await cli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(message);
      expect(log(), args.join(" ")).toBe(before);
    }
    expect(readFileSync(join(t.dir, "existing.bin"), "utf8")).toBe("keep me");
    expect(existsSync(join(t.dir, "x.bin"))).toBe(false);
    expect(existsSync(join(t.dir, "y.bin"))).toBe(false);

    // --force overwrites, and records the access.
    const forced = await cli(
      "case",
      CASE,
      "evidence",
      "open",
      a.evidenceId,
      "--as",
      officer,
      "--purpose",
      "复议答复",
      "--out",
      "existing.bin",
      "--force",
    );
    expect(forced.err).toBe("");
    expect(readFileSync(join(t.dir, "existing.bin"), "utf8")).toBe(VIDEO);
    expect(log()).not.toBe(before);
  });

  it("needs --evidence when the event store is not a SQLite file, and names unknown cases in list", async () => {
    const r = await runCli(["--sample", "--store", "memory", ...attachArgs("clip.mp4")], { cwd: t.dir });
    writeFileSync(join(t.dir, "clip.mp4"), VIDEO);
    const again = await runCli(["--sample", "--store", "memory", ...attachArgs("clip.mp4")], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(again.err).toContain("--evidence <目录>");
    await fileCase();
    const none = await cli("case", "NO-SUCH-CASE", "evidence", "list");
    expect(none.code).toBe(2);
    expect(none.err).toContain("存储中没有案件 NO-SUCH-CASE");
  });
});

/** The sample bureau's benchmark and fine (价格违法行为行政处罚规定 Art. 13), as in case-command.test.ts. */
const FINE = { kinds: ["fine"], fineFen: 200_000 };
const BENCHMARK = { kind: "applied", code: "SPT-SC-JG-13", circumstances: [] };

async function decidedAndSignedOff(id: string): Promise<string> {
  for (const step of DEMO_STEPS) {
    const { type, ...fields } = step.command;
    const penalty = "penalty" in fields ? { penalty: FINE } : {};
    const data = type === "case.decide" ? { ...fields, ...penalty, benchmark: BENCHMARK } : { ...fields, ...penalty };
    const r = await cli("case", id, "do", type, "--as", step.actor.id, "--at", step.at, "--data", JSON.stringify(data));
    expect(r.err, type).toBe("");
  }
  const drafted = await cli(
    ...["case", id, "do", "disclosure.draft", "--as", "spt-scj-01", "--at", "2026-03-11T02:00:00Z", "--json"],
    ...["--data", JSON.stringify({ documentNumber: "沙市监价罚〔2026〕1号" })],
  );
  expect(drafted.err).toBe("");
  const draft = JSON.parse(drafted.out);
  const contentHash: string = draft.events[0].payload.contentHash;
  const approved = await cli(
    ...["case", draft.stream, "do", "disclosure.approve", "--as", "spt-scj-head", "--at", "2026-03-12T02:00:00Z"],
    ...["--data", JSON.stringify({ contentHash })],
  );
  expect(approved.err).toBe("");
  return draft.stream;
}

describe("sanxiang case do disclosure.publish --site: the bureau's publisher is the public site (行政处罚法 Art. 48)", () => {
  it("publishes the signed-off decision to the site directory, checked against the signed log; refusals publish and append nothing", async () => {
    const disclosureId = await decidedAndSignedOff("SPT-SCJ-PUB-001");
    const publish = (...more: string[]) =>
      cli(
        "case",
        disclosureId,
        "do",
        "disclosure.publish",
        "--as",
        "spt-scj-01",
        "--at",
        "2026-03-13T02:00:00Z",
        ...more,
      );
    const before = log();
    const noSite = await publish();
    expect(noSite.code).toBe(2);
    expect(noSite.err).toContain("--site <目录>");
    // --require-signed: the disclosure events are not under a signed head yet (LOG_TAIL_UNSIGNED).
    const unsigned = await publish("--site", "site", "--require-signed");
    expect(unsigned.code).not.toBe(0);
    expect(unsigned.err).toContain("LOG_TAIL_UNSIGNED");
    expect(log()).toBe(before);
    expect(existsSync(join(t.dir, "site"))).toBe(false);

    const published = await publish("--site", "site");
    expect(published.err).toBe("");
    expect(published.code).toBe(0);
    expect(published.out).toContain("与签名日志核对一致");
    expect(published.out).toContain("disclosure.published");
    const state = JSON.parse((await cli("case", disclosureId, "show", "--json")).out);
    expect(state.state).toBe("published");
    const pages = readdirSync(join(t.dir, "site"), { recursive: true }).map(String);
    const page = pages.find(
      (p) => p.endsWith(".html") && readFileSync(join(t.dir, "site", p), "utf8").includes("沙市监价罚〔2026〕1号"),
    );
    expect(page).toBeDefined();
    // The site's 主办单位 is the publisher's organ as the bodies registry records it.
    expect(readFileSync(join(t.dir, "site", "index.html"), "utf8")).toContain("中卫市沙坡头区市场监督管理局");

    // A withdrawal without its public reason is refused by core; nothing appended, the site as it was.
    const afterPublish = log();
    const siteIndex = readFileSync(join(t.dir, "site", "index.html"), "utf8");
    for (const data of ["{}", '{"reason":5}']) {
      const withdrawn = await cli(
        ...["case", disclosureId, "do", "disclosure.withdraw", "--as", "spt-scj-01", "--at", "2026-03-14T02:00:00Z"],
        ...["--site", "site", "--data", data],
      );
      expect(withdrawn.code, data).toBe(2);
      expect(withdrawn.err, data).toMatch(/错误 \[[A-Z_]+\]/);
      expect(log()).toBe(afterPublish);
      expect(readFileSync(join(t.dir, "site", "index.html"), "utf8")).toBe(siteIndex);
    }
  });
});

describe("sanxiang inspection draw, then case do inspection.open → record → conclude (双随机, 优化营商环境条例 Art. 54)", () => {
  const draw = (...more: string[]) =>
    cli(
      ...["inspection", "draw", "--task", "SPT-SJ-2026-01", "--category", "价格监督检查", "--region", "640502"],
      ...["--at", "2026-03-02T02:00:00Z", ...more],
    );

  it("draws from the registries, writes one inspection.open payload per entity, and runs the inspection", async () => {
    const drawn = await draw("--item", "SPT-SJ-SJ-001", "--count", "1", "--out", "drawn");
    expect(drawn.err).toBe("");
    expect(drawn.code).toBe(0);
    const task = JSON.parse(readFileSync(join(t.dir, "drawn", "task.json"), "utf8"));
    expect(task).toMatchObject({ type: "inspection.taskDrawn", itemCodes: ["SPT-SJ-SJ-001"], regionCode: "640502" });
    expect(task.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(task.assignments).toHaveLength(1);
    const [assignment] = task.assignments as { uscc: string; officerIds: string[] }[];
    if (assignment === undefined) throw new Error("nothing drawn");
    expect(assignment.officerIds.length).toBe(2); // at least two inspectors (行政处罚法 Art. 42)
    expect(drawn.out).toContain(`open-${assignment.uscc}.json`);
    const inspector = assignment.officerIds[0] ?? "";
    const step = (type: string, at: string, ...more: string[]) =>
      cli("case", "SPT-JC-001", "do", type, "--as", inspector, "--at", at, ...more);
    const opened = await step(
      "inspection.open",
      "2026-03-03T02:00:00Z",
      "--data-file",
      join(t.dir, "drawn", `open-${assignment.uscc}.json`),
    );
    expect(opened.err).toBe("");
    expect(opened.code).toBe(0);
    const recorded = await step(
      "inspection.record",
      "2026-03-04T02:00:00Z",
      "--data",
      JSON.stringify({
        officerIds: assignment.officerIds,
        certificateShown: true,
        findings: "明码标价规范",
        records: [{ id: "jc-bl-1", kind: "transcript" }],
      }),
    );
    expect(recorded.err).toBe("");
    const concluded = await step("inspection.conclude", "2026-03-05T02:00:00Z", "--data", '{"result":"pass"}');
    expect(concluded.err).toBe("");
    const shown = JSON.parse((await cli("case", "SPT-JC-001", "show", "--json")).out);
    expect(shown.procedure).toBe("inspection");
    expect(shown.state).toBe("concluded");
    const accepted = JSON.parse((await cli("case", "SPT-JC-001", "commands", "--json")).out).accepted;
    expect(accepted).toEqual(["inspection.publish"]);
  });

  it("refuses a draw without items (naming those in force), an unknown item and a non-empty --out", async () => {
    const none = await draw();
    expect(none.code).toBe(2);
    expect(none.err).toContain("SPT-SJ-SJ-001");
    const unknown = await draw("--item", "NO-SUCH-ITEM");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("REGISTRY_NOT_FOUND");
    const badCount = await draw("--item", "SPT-SJ-SJ-001", "--count", "-3");
    expect(badCount.code).toBe(2);
    mkdirSync(join(t.dir, "full"));
    writeFileSync(join(t.dir, "full", "keep.txt"), "keep");
    const full = await draw("--item", "SPT-SJ-SJ-001", "--out", "full");
    expect(full.code).toBe(2);
    expect(full.err).toContain("--force");
    expect(readdirSync(join(t.dir, "full"))).toEqual(["keep.txt"]);
  });
});
