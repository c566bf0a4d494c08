// `sanxiang case … do` on a real SQLite store: a whole ordinary case of the sample market
// bureau (行政处罚法 Arts. 54–66: 立案 to 结案、归档) run command by command through the CLI and
// createBureau; an on-the-spot case (Art. 51) and a seizure (行政强制法 Arts. 18, 24); and
// hostile input, each refused with a Chinese message while the store stays byte-for-byte the same.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { REVIEW_ITEMS } from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { sampleStore } from "./cli.test-support.js";
import { DEMO_STEPS } from "./demo-case.js";

const t = sampleStore("sanxiang-case-cli-");
const cli = t.cli;
const log = t.log;

/**
 * The sample bureau has discretion benchmarks, so its decision cites the one applied (行政处罚法
 * Art. 34): SPT-SC-JG-13, 不标明价格 (价格违法行为行政处罚规定 Art. 13). The demo's bureau has none.
 */
const FINE = { kinds: ["fine"], fineFen: 200_000 };
const BENCHMARK = { kind: "applied", code: "SPT-SC-JG-13", circumstances: [] };

async function doStep(caseId: string, step: (typeof DEMO_STEPS)[number]) {
  const { type, ...fields } = step.command;
  // The demo's warning is not among Art. 13's kinds (价格违法行为行政处罚规定): here the fine alone.
  const penalty = "penalty" in fields ? { penalty: FINE } : {};
  const data = type === "case.decide" ? { ...fields, ...penalty, benchmark: BENCHMARK } : { ...fields, ...penalty };
  return cli("case", caseId, "do", type, "--as", step.actor.id, "--at", step.at, "--data", JSON.stringify(data));
}

describe("sanxiang case do: an ordinary case from filing to archiving (行政处罚法 Arts. 54–66)", () => {
  it("runs every step through createBureau, shows the case and lists it", async () => {
    const id = "SPT-SCJ-CLI-001";
    for (const step of DEMO_STEPS) {
      const r = await doStep(id, step);
      expect(r.err, step.command.type).toBe("");
      expect(r.code, step.command.type).toBe(0);
      expect(r.out).toContain(`执行 ${step.command.type}`);
    }
    const shown = await cli("case", id, "show");
    expect(shown.code).toBe(0);
    expect(shown.out).toContain("程序：普通程序");
    expect(shown.out).toMatch(/状态：.*（archived）/);
    expect(shown.out).toContain("立案");
    expect(shown.out).toContain("2026-03-18");
    const json = JSON.parse((await cli("case", id, "show", "--json")).out);
    expect(json.state).toBe("archived");
    expect(json.history.length).toBeGreaterThanOrEqual(DEMO_STEPS.length);

    const list = JSON.parse((await cli("cases", "--json")).out);
    expect(list.map((c: { caseId: string }) => c.caseId)).toEqual([id]);
    expect((await cli("cases")).out).toContain(id);

    // An archived case accepts nothing more; a command now is refused and appends nothing.
    const accepted = JSON.parse((await cli("case", id, "commands", "--json")).out);
    expect(accepted.accepted.filter((c: string) => !c.startsWith("review."))).toEqual([]);
    const before = log();
    const late = await cli("case", id, "do", "case.close", "--as", "spt-scj-head", "--at", "2026-03-20T02:00:00Z");
    expect(late.code).toBe(2);
    expect(late.err).toContain("[COMMAND_NOT_ALLOWED]");
    expect(log()).toBe(before);
  });

  it("prints the events as JSON, and what the state accepts after filing", async () => {
    const first = DEMO_STEPS[0];
    if (first === undefined) throw new Error("no demo step");
    const { type, ...data } = first.command;
    const r = await cli(
      "case",
      "C-1",
      "do",
      type,
      "--as",
      "spt-scj-01",
      "--at",
      first.at,
      "--data",
      JSON.stringify(data),
      "--json",
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.events[0]).toMatchObject({ type: "case.filed", seq: 1, title: "立案审批表" });
    const commands = await cli("case", "C-1", "commands");
    expect(commands.out).toContain("investigation.record");
    expect(commands.out).not.toContain("case.file\n");
  });
});

describe("sanxiang case do: simplified procedure and seizure", () => {
  it("an on-the-spot warning (行政处罚法 Arts. 51, 52) is decided on a registered form and filed", async () => {
    // 决定书 are numbered forms handed out first (Art. 52 para. 1): the register is `case forms`.
    const misplaced = await cli("case", "OS-1", "do", "form.issue", "--as", "spt-scj-head", "--data", "{}");
    expect(misplaced.code).toBe(2);
    expect(misplaced.err).toContain("sanxiang case forms do form.issue");
    const issued = await cli(
      "case",
      "forms",
      "do",
      "form.issue",
      "--as",
      "spt-scj-head",
      "--at",
      "2026-03-01T02:00:00Z",
      "--data",
      JSON.stringify({ officerId: "spt-scj-01", numbers: ["SPT-DC-0001", "SPT-DC-0002"] }),
    );
    expect(issued.err).toBe("");
    expect(issued.out).toContain("未使用 2 份");
    const decide = await cli(
      "case",
      "OS-1",
      "do",
      "onSpot.decide",
      "--as",
      "spt-scj-01",
      "--at",
      "2026-03-02T02:00:00Z",
      "--data",
      JSON.stringify({
        party: { kind: "person", name: "张某（示例）" },
        category: "价格监督检查",
        regionCode: "640502",
        officerIds: ["spt-scj-01", "spt-scj-02"],
        penalty: { kinds: ["warning"] },
        facts: "销售商品未标明价格",
        basis: ["价格违法行为行政处罚规定第十三条"],
        formNumber: "SPT-DC-0001",
        certificateShown: true,
        // A warning alone (行政处罚法 Art. 51): no fine, so no benchmark row applies.
        benchmark: { kind: "none", reason: "警告，不涉及罚款数额裁量" },
        notified: true,
        statement: { kind: "waived", records: [{ id: "waiver", kind: "document" }] },
        place: "沙坡头区示例超市（示例）",
        records: [{ id: "SPT-DC-0001", kind: "document" }],
      }),
    );
    expect(decide.err).toBe("");
    expect(decide.code).toBe(0);
    expect(decide.out).toContain("执行 onSpot.decide");
    // 报所属行政机关备案 (行政处罚法 Art. 52 para. 3) is what the state accepts next.
    expect(JSON.parse((await cli("case", "OS-1", "commands", "--json")).out).accepted).toContain("decision.file");
    const filed = await cli(
      "case",
      "OS-1",
      "do",
      "decision.file",
      "--as",
      "spt-scj-01",
      "--at",
      "2026-03-03T02:00:00Z",
    );
    expect(filed.err).toBe("");
    expect(filed.code).toBe(0);
    const shown = await cli("case", "OS-1", "show");
    expect(shown.out).toContain("简易程序");
    expect((await cli("cases")).out).toContain("OS-1");
  });
});

describe("sanxiang case do: 查封、扣押 inside an ordinary case (行政强制法 Arts. 18, 24)", () => {
  it("the head approves the seizure and the officers carry it out, as coercion.act events", async () => {
    const first = DEMO_STEPS[0];
    if (first === undefined) throw new Error("no demo step");
    expect((await doStep("SZ-1", first)).code).toBe(0);
    expect(JSON.parse((await cli("case", "SZ-1", "commands", "--json")).out).accepted).toContain("seizure.approve");
    const approve = await cli(
      "case",
      "SZ-1",
      "do",
      "seizure.approve",
      "--as",
      "spt-scj-head",
      "--at",
      "2026-03-03T02:00:00Z",
      "--data",
      JSON.stringify({
        measureId: "SZ-1-m1",
        approverId: "spt-scj-head",
        measure: {
          party: { kind: "organisation", name: "沙坡头区示例超市（示例）" },
          facts: "涉嫌销售未标明价格的商品",
          basis: ["价格违法行为行政处罚规定第十三条"],
          valueFen: 50_000,
        },
      }),
    );
    expect(approve.err).toBe("");
    expect(approve.code).toBe(0);
    const execute = await cli(
      "case",
      "SZ-1",
      "do",
      "seizure.execute",
      "--as",
      "spt-scj-01",
      "--at",
      "2026-03-03T03:00:00Z",
      "--data",
      JSON.stringify({
        measureId: "SZ-1-m1",
        officerIds: ["spt-scj-01", "spt-scj-02"],
        items: ["未标价商品一批（示例）"],
        records: [
          { id: "seizure-transcript", kind: "transcript" },
          { id: "seizure-list", kind: "document" },
          { id: "seizure-video", kind: "video", wholeProcess: true },
        ],
      }),
    );
    expect(execute.err).toBe("");
    expect(execute.code).toBe(0);
    const shown = JSON.parse((await cli("case", "SZ-1", "show", "--json")).out);
    expect(shown.history.map((e: { type: string }) => e.type)).toContain("coercion.acted");
  });
});

describe("sanxiang case do: legal review and the decision's disclosure (行政处罚法 Arts. 58, 48)", () => {
  it("submits the case for review, the reviewer approves, the head decides; the disclosure is drafted", async () => {
    const id = "RV-1";
    const upTo = DEMO_STEPS.findIndex((s) => s.command.type === "case.decide");
    for (const step of DEMO_STEPS.slice(0, upTo)) expect((await doStep(id, step)).code).toBe(0);
    const run = (type: string, as: string, at: string, data: unknown) =>
      cli("case", id, "do", type, "--as", as, "--at", at, "--data", JSON.stringify(data));
    const noOutcome = await run("review.submit", "spt-scj-01", "2026-03-07T02:00:00Z", {});
    expect(noOutcome.code).toBe(2);
    expect(noOutcome.err).toContain("outcome");
    const submitted = await run("review.submit", "spt-scj-01", "2026-03-07T02:00:00Z", {
      outcome: "penalty",
      penalty: FINE,
      materials: [
        { kind: "application", id: "review-application" },
        { kind: "proposalNote", id: "proposal-note" },
        { kind: "draftDecision", id: "draft-decision" },
        { kind: "evidence", id: "evidence-list" },
      ],
    });
    expect(submitted.err).toBe("");
    expect(submitted.out).toContain(`${id}.review.1`);
    expect(
      (await run("review.assign", "spt-scj-head", "2026-03-07T03:00:00Z", { reviewerId: "spt-scj-04" })).code,
    ).toBe(0);
    const approved = await run("review.conclude", "spt-scj-04", "2026-03-09T02:00:00Z", {
      outcome: "approved",
      findings: REVIEW_ITEMS.map((item) => ({ item, ok: true })),
      opinion: "同意",
    });
    expect(approved.err).toBe("");
    const decide = DEMO_STEPS[upTo];
    if (decide === undefined) throw new Error("no decide step");
    expect((await doStep(id, decide)).err).toBe("");
    const shown = JSON.parse((await cli("case", id, "show", "--json")).out);
    expect(shown.reviews).toEqual([expect.objectContaining({ reviewId: `${id}.review.1` })]);
    const drafted = await cli(
      "case",
      id,
      "do",
      "disclosure.draft",
      "--as",
      "spt-scj-01",
      "--at",
      "2026-03-11T02:00:00Z",
      "--json",
      "--data",
      JSON.stringify({ documentNumber: "沙市监价罚〔2026〕1号" }),
    );
    expect(drafted.err).toBe("");
    expect(drafted.code).toBe(0);
    const draft = JSON.parse(drafted.out);
    expect(draft.events[0]).toMatchObject({ type: "disclosure.drafted" });
    const disclosureId: string = draft.stream;
    expect(disclosureId).not.toBe(id);
    // The head signs off the drafted content on the disclosure's own stream (its id as <case-id>).
    const contentHash: unknown = draft.events[0].payload.contentHash;
    expect(typeof contentHash).toBe("string");
    const signedOff = await cli(
      "case",
      disclosureId,
      "do",
      "disclosure.approve",
      "--as",
      "spt-scj-head",
      "--at",
      "2026-03-12T02:00:00Z",
      "--data",
      JSON.stringify({ contentHash }),
    );
    expect(signedOff.err).toBe("");
    expect(signedOff.out).toContain("disclosure.approved");
    const shownDisclosure = await cli("case", disclosureId, "show");
    expect(shownDisclosure.err).toBe("");
    expect(shownDisclosure.out).toMatch(/状态：.*（approved）/);
    expect(JSON.parse((await cli("case", disclosureId, "commands", "--json")).out).accepted).toContain(
      "disclosure.publish",
    );
  });
});

describe("sanxiang case do: hostile input changes nothing", () => {
  async function filed(): Promise<string> {
    const first = DEMO_STEPS[0];
    if (first === undefined) throw new Error("no demo step");
    expect((await doStep("H-1", first)).code).toBe(0);
    return log();
  }
  it.each([
    ["unknown command", ["case", "H-1", "do", "case.explode", "--as", "spt-scj-01"], "未知的命令类型"],
    [
      "unknown actor",
      ["case", "H-1", "do", "investigation.close", "--as", "nobody", "--data", '{"facts":"x"}'],
      "[ACTOR_NOT_REGISTERED]",
    ],
    [
      "malformed JSON",
      ["case", "H-1", "do", "investigation.close", "--as", "spt-scj-01", "--data", "{facts:"],
      "不是有效的 JSON",
    ],
    [
      "JSON not an object",
      ["case", "H-1", "do", "investigation.close", "--as", "spt-scj-01", "--data", "[1]"],
      "应为 JSON 对象",
    ],
    [
      "schema refusal",
      ["case", "H-1", "do", "investigation.close", "--as", "spt-scj-01", "--data", '{"facts":5}'],
      "facts",
    ],
    [
      "--at garbage",
      ["case", "H-1", "do", "investigation.close", "--as", "spt-scj-01", "--at", "yesterday"],
      "[INSTANT_INVALID]",
    ],
    [
      "unknown case",
      [
        "case",
        "NOPE",
        "do",
        "investigation.close",
        "--as",
        "spt-scj-01",
        "--at",
        "2026-03-03T02:00:00Z",
        "--data",
        '{"facts":"x"}',
      ],
      "[COMMAND_NOT_ALLOWED]",
    ],
    [
      "oversized",
      [
        "case",
        "H-1",
        "do",
        "investigation.close",
        "--as",
        "spt-scj-01",
        "--data",
        `{"facts":"${"x".repeat(1_100_000)}"}`,
      ],
      "字节上限",
    ],
    [
      "type mismatch",
      ["case", "H-1", "do", "investigation.close", "--as", "spt-scj-01", "--data", '{"type":"case.close"}'],
      "不一致",
    ],
  ])("%s: exit 2, a Chinese message, the store unchanged", async (_name, args, message) => {
    const before = await filed();
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe("");
    expect(log()).toBe(before);
  });

  it("missing --as and a missing subcommand are usage errors", async () => {
    const before = await filed();
    expect((await cli("case", "H-1", "do", "investigation.close")).code).toBe(2);
    expect((await cli("case", "H-1")).code).toBe(2);
    expect((await cli("case", "H-1", "frobnicate")).err).toContain("未知的 case 子命令");
    expect(log()).toBe(before);
  });

  it("--data-file - reads standard input; malformed JSON there changes nothing either", async () => {
    const before = await filed();
    const withStdin = async (text: string, ...args: string[]) => {
      const original = Object.getOwnPropertyDescriptor(process, "stdin");
      Object.defineProperty(process, "stdin", { value: Readable.from([Buffer.from(text)]), configurable: true });
      try {
        return await cli(...args);
      } finally {
        if (original !== undefined) Object.defineProperty(process, "stdin", original);
      }
    };
    const args = ["case", "H-1", "do", "investigation.close", "--as", "spt-scj-01", "--at", "2026-03-04T02:00:00Z"];
    const bad = await withStdin('{"facts":', ...args, "--data-file", "-");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("不是有效的 JSON");
    expect(log()).toBe(before);
    const good = await withStdin('{"facts":"经营者销售商品未标明价格"}', ...args, "--data-file", "-");
    expect(good.err).toBe("");
    expect(good.out).toContain("investigation.closed");
  });

  it("show of an unknown case says so", async () => {
    await filed();
    const r = await cli("case", "NOPE", "show");
    expect(r.code).toBe(2);
    expect(r.err).toContain("存储中没有案件 NOPE");
  });

  it("a GBK file is read as GB18030 and said so; an oversized file is refused unread", async () => {
    const before = await filed();
    const gbk = join(t.dir, "close.json");
    // {"facts":"价格"} saved in GBK, as Notepad or Excel on Chinese Windows would (Node has no
    // GBK encoder, so the two characters' GBK bytes are spelled out).
    const bytes = Buffer.from([
      ...Buffer.from('{"facts":"', "latin1"),
      0xbc,
      0xdb,
      0xb8,
      0xf1, // 价格
      ...Buffer.from('"}', "latin1"),
    ]);
    writeFileSync(gbk, bytes);
    const r = await cli(
      "case",
      "H-1",
      "do",
      "investigation.close",
      "--as",
      "spt-scj-01",
      "--at",
      "2026-03-04T02:00:00Z",
      "--data-file",
      gbk,
    );
    expect(r.err).toContain("按 GB18030 编码读取");
    expect(r.code).toBe(0);
    expect(log()).not.toBe(before);
    const history = JSON.parse((await cli("case", "H-1", "show", "--json")).out).history;
    expect(history.at(-1)).toMatchObject({ type: "investigation.closed", payload: { facts: "价格" } });
    const after = log();
    const big = join(t.dir, "big.json");
    writeFileSync(big, `{"facts":"${"x".repeat(1_100_000)}"}`);
    const refused = await cli("case", "H-1", "do", "defence.waive", "--as", "spt-scj-01", "--data-file", big);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("字节上限");
    expect(log()).toBe(after);
    expect(readFileSync(big).length).toBeGreaterThan(1_000_000);
  });
});
