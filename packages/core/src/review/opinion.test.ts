import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { findRawIdentifiers } from "../kernel/wording.js";
import type { ReviewCommandInput } from "./commands.js";
import { decideReview } from "./decide.js";
import { evolveReview, initialReviewState, type ReviewState } from "./fold.js";
import { REVIEW_FINDING_ANSWERS, reviewOpinion, reviewOpinionHtml } from "./opinion.js";
import { REVIEW_ITEMS, type ReviewItem } from "./schema.js";
import { allOk, bodies, draft, headActor, materials, officerActor, rctx, reviewerActor } from "./test-fixtures.js";

// Issue 16: the 法制审核意见书 reads as an official document — the organ as heading, dates as
// 2025年6月12日, amounts with 大写, citations in 《》, each question answered in its own words,
// names and titles instead of ids (pilot plan 二（三）（2）: the checklist; 行政处罚法 Art. 58).

const NOW = "2025-06-03T02:00:00Z";

function run(cmds: readonly [ReviewCommandInput, Actor][]): ReviewState {
  let state = initialReviewState("case-1.review");
  for (const [cmd, actor] of cmds) {
    for (const e of decideReview(state, cmd, rctx(NOW, actor))._unsafeUnwrap()) {
      state = evolveReview(state, e)._unsafeUnwrap();
    }
  }
  return state;
}

const submit: ReviewCommandInput = {
  type: "review.submit",
  caseId: "case-1",
  draft,
  materials: [...materials.slice(0, 3), { kind: "evidence", id: "ev-1", title: "现场检查笔录及照片" }],
  handlingOfficerIds: ["a", "b"],
};
const assign: ReviewCommandInput = { type: "review.assign", reviewerId: "r" };
const conclude = (failing: readonly ReviewItem[]): ReviewCommandInput => ({
  type: "review.conclude",
  outcome: failing.length === 0 ? "approved" : "problems",
  findings: allOk.map((f) => (failing.includes(f.item) ? { item: f.item, ok: false, note: "须补正" } : f)),
  ...(failing.length === 0 ? {} : { requiredChanges: ["补正后重新送审"] }),
  opinion: failing.length === 0 ? "同意" : "存在问题，请修改后重新送审",
});

describe("法制审核意见书 in official wording", () => {
  const state = run([
    [submit, officerActor],
    [assign, headActor],
    [conclude(["lawAndBenchmark", "authority", "crimeTransfer"]), reviewerActor],
  ]);

  it("names the reviewer and the organ from the bodies registry, and titles every material", () => {
    const o = reviewOpinion(state, { bodies })._unsafeUnwrap();
    expect(o.reviewer.name).toBe("审核员");
    expect(o.organ).toBe("中卫市沙坡头区司法局");
    expect(o.materials.map((m) => m.title)).toEqual([
      "法制审核申请表",
      "拟处理意见说明",
      "行政处罚决定书（草案）",
      "现场检查笔录及照片",
    ]);
    expect(o.proposal).toBe("罚款人民币120,000.00元（大写：人民币壹拾贰万元整）");
  });

  it("answers each question in its own words: 是/否, 未超越/超越法定权限, 不涉嫌/涉嫌犯罪", () => {
    const o = reviewOpinion(state, { bodies })._unsafeUnwrap();
    const answer = (item: ReviewItem) => o.findings.find((f) => f.item === item)?.answer;
    expect(answer("body")).toBe("是");
    expect(answer("lawAndBenchmark")).toBe("否");
    expect(answer("authority")).toBe("超越法定权限");
    expect(answer("crimeTransfer")).toBe("涉嫌犯罪，需要移送司法机关");
    const approved = run([
      [submit, officerActor],
      [assign, headActor],
      [conclude([]), reviewerActor],
    ]);
    const ok = reviewOpinion(approved, { bodies })._unsafeUnwrap();
    expect(ok.findings.find((f) => f.item === "authority")?.answer).toBe("未超越法定权限");
    expect(ok.findings.find((f) => f.item === "crimeTransfer")?.answer).toBe("不涉嫌犯罪，无需移送");
    expect(ok.findings.every((f) => !["无问题", "存在问题"].includes(f.answer))).toBe(true);
  });

  it("prints the organ as heading, official dates, citations in 《》 and no id, code or ISO date", () => {
    const html = reviewOpinionHtml(reviewOpinion(state, { bodies })._unsafeUnwrap(), {
      lawTitles: ["律师法"],
    });
    expect(html).toContain('<p class="organ">中卫市沙坡头区司法局</p>');
    expect(html).toContain("2025年6月12日（自2025年6月3日起算，7个工作日）");
    expect(html).toContain("《律师法》第五十条");
    expect(html).toContain("《行政处罚法》第五十八条第一款");
    expect(html).toContain("审核人员：审核员（法律职业资格证书编号：A20230001）");
    expect(html).toContain("<td>现场检查笔录及照片</td>");
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const id of ["case-1.review", "app-1", "note-1", "ev-1", "无问题"]) expect(html).not.toContain(id);
    const text = html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
    expect(findRawIdentifiers(text)).toEqual([]);
  });

  it("without a registry it says a name is not recorded instead of printing an id", () => {
    const o = reviewOpinion(state)._unsafeUnwrap();
    expect(o.organ).toBeUndefined();
    const html = reviewOpinionHtml(o);
    expect(html).toContain("审核人员：（姓名未登记）");
    expect(html).not.toMatch(/审核人员：r[（<]/);
  });

  it("a body the registry does not have is refused with REGISTRY_NOT_FOUND", () => {
    expect(reviewOpinion(state, { bodies, bodyId: "nowhere" })._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
  });

  it("every outcome of every item is answered, never with the generic 无问题/存在问题 (property)", () => {
    fc.assert(
      fc.property(fc.subarray([...REVIEW_ITEMS]), (failing) => {
        const s = run([
          [submit, officerActor],
          [assign, headActor],
          [conclude(failing), reviewerActor],
        ]);
        const o = reviewOpinion(s, { bodies })._unsafeUnwrap();
        for (const f of o.findings) {
          const words = REVIEW_FINDING_ANSWERS[f.item];
          expect(f.answer).toBe(failing.includes(f.item) ? words.problem : words.ok);
        }
      }),
      { numRuns: 40 },
    );
  });
});
