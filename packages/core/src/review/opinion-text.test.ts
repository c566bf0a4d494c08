import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { findRawIdentifiers } from "../kernel/wording.js";
import type { ReviewCommandInput } from "./commands.js";
import { decideReview } from "./decide.js";
import { evolveReview, initialReviewState, type ReviewState } from "./fold.js";
import { reviewOpinion, reviewOpinionHtml } from "./opinion.js";
import { reviewOpinionDocument, reviewOpinionMarkdown, reviewOpinionText } from "./opinion-text.js";
import { allOk, bodies, draft, headActor, materials, officerActor, rctx, reviewerActor } from "./test-fixtures.js";

// The 法制审核意见书 as text and Markdown (the CLI's `review opinion --format text|md`): the
// same wording as the printed page — one document model — and data that cannot break out of
// its place (no terminal escapes, no Markdown links or raw HTML). Pilot plan 二（三）（2）;
// 行政处罚法 Art. 58.

const NOW = "2025-06-03T02:00:00Z";

function run(opinionText: string, note = "须补正"): ReviewState {
  const cmds: [ReviewCommandInput, Actor][] = [
    [
      { type: "review.submit", caseId: "case-1", draft, materials: [...materials], handlingOfficerIds: ["a", "b"] },
      officerActor,
    ],
    [{ type: "review.assign", reviewerId: "r" }, headActor],
    [
      {
        type: "review.conclude",
        outcome: "problems",
        findings: allOk.map((f) => (f.item === "lawAndBenchmark" ? { item: f.item, ok: false, note } : f)),
        requiredChanges: ["补正后重新送审"],
        opinion: opinionText,
      },
      reviewerActor,
    ],
  ];
  let state = initialReviewState("case-1.review.1");
  for (const [cmd, actor] of cmds) {
    for (const e of decideReview(state, cmd, rctx(NOW, actor))._unsafeUnwrap()) {
      state = evolveReview(state, e)._unsafeUnwrap();
    }
  }
  return state;
}

describe("法制审核意见书 as text and Markdown", () => {
  const opinion = reviewOpinion(run("存在问题，请修改后重新送审"), { bodies })._unsafeUnwrap();

  it("text: the page's wording — organ, official dates, 《》, answers in their own words, no id", () => {
    const text = reviewOpinionText(opinion, { lawTitles: ["律师法"] });
    expect(text.startsWith("中卫市沙坡头区司法局\n法制审核意见书\n")).toBe(true);
    expect(text).toContain("  审核期限：2025年6月12日（自2025年6月3日起算，7个工作日）\n");
    expect(text).toContain("《律师法》第五十条");
    expect(text).toContain("：否（须补正）\n");
    expect(text).toContain("审核人员：审核员（法律职业资格证书编号：A20230001）\n");
    expect(text).toContain("  审核结论：存在问题\n");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const id of ["case-1.review", "app-1", "note-1"]) expect(text).not.toContain(id);
    expect(findRawIdentifiers(text)).toEqual([]);
  });

  it("text, Markdown and HTML say the same things (one document model)", () => {
    const d = reviewOpinionDocument(opinion);
    const forms = [reviewOpinionText(opinion), reviewOpinionMarkdown(opinion), reviewOpinionHtml(opinion)];
    for (const form of forms) {
      for (const [, value] of d.matters) expect(form).toContain(value.slice(0, 8));
      for (const f of d.findings) expect(form).toContain(f.name);
      expect(form).toContain(d.reviewer.slice(0, 3));
      expect(form).toContain(d.dated);
    }
  });

  it("Markdown: headings and tables; a value cannot become a link, raw HTML, a list or a cell", () => {
    const hostile = reviewOpinion(run("- [点此](http://x) <script>|", "a|b"), { bodies })._unsafeUnwrap();
    const m = reviewOpinionMarkdown(hostile);
    expect(m).toContain("# 法制审核意见书\n");
    expect(m).toContain("| 序号 | 审核事项 | 审核结果 | 意见 |\n");
    expect(m).toContain("\\- \\[点此\\](http://x) \\<script\\>\\|");
    expect(m).toContain("| 否 | a\\|b |");
    expect(m).not.toContain("<script>");
  });

  it("no value breaks a line or sends a control character, in either form (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (s) => {
        const o = reviewOpinion(run(`意见${s}`, `注${s}`), { bodies })._unsafeUnwrap();
        const text = reviewOpinionText(o);
        const lines = text.split("\n");
        // The opinion's own line and the finding's line stay one line each.
        expect(lines.filter((l) => l.startsWith("  意见")).length).toBe(1);
        expect(lines.filter((l) => l.includes("：否（注")).length).toBe(1);
        expect(text).not.toMatch(/(?!\n)\p{Cc}/u);
        const md = reviewOpinionMarkdown(o);
        expect(md).not.toMatch(/(?!\n)\p{Cc}/u);
        expect(md.split("\n").filter((l) => l.startsWith("| ") && l.includes("注")).length).toBe(1);
      }),
      { numRuns: 60 },
    );
  });
});
