// The review opinion (法制审核意见书): a structured document built from the review's state,
// and a printable standalone HTML page in the house style of the case-file catalogue
// (recording/casefile-html.ts). It reads as an official document: the organ as heading,
// dates as 2026年3月2日, amounts as 人民币…元 with 大写, citations in 《》, each checklist
// question answered in its own words (是 / 否, 未超越法定权限, 不涉嫌犯罪), people and
// materials by name and title — never an id. Every value comes from events and bureau data,
// so every value is escaped.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { civilDateOf, type Instant } from "../kernel/time.js";
import { amountText, amountWithCapitalsText } from "../kernel/wording.js";
import { PENALTY_KIND_LABELS } from "../registry/benchmarks/schema.js";
import { officerName, organName } from "../registry/bodies/organ.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import type { MajorReason } from "./catalogue.js";
import type { ReviewDiscussion } from "./context.js";
import type { DraftCoercionKind, DraftLicenceDecision, DraftPenalty, ReviewDraft } from "./draft.js";
import type { ReviewState } from "./fold.js";
import { REVIEW_STATE_NAMES } from "./machine.js";
import { OPINION_DRAFT_NOTE, reviewOpinionDocument } from "./opinion-text.js";
import { REVIEW_SOURCES } from "./policy.js";
import {
  REVIEW_ITEM_NAMES,
  REVIEW_MATERIAL_NAMES,
  REVIEW_OUTCOME_NAMES,
  type ReviewDeadline,
  type ReviewItem,
  type ReviewOutcome,
} from "./schema.js";

/** 法制审核意见书 — the written opinion of a review, as structured data (see {@link reviewOpinion}). */
export interface ReviewOpinion {
  /** The review. */
  readonly reviewId: string;
  /** The case. */
  readonly caseId: string;
  /** 当事人. */
  readonly party: string;
  /** 违法事实. */
  readonly facts: string;
  /** 法律依据. */
  readonly basis: readonly string[];
  /** 拟作出的决定, in Chinese (e.g. `罚款人民币120,000.00元（大写：人民币壹拾贰万元整）`). */
  readonly proposal: string;
  /** Why the decision is major. */
  readonly reasons: readonly MajorReason[];
  /**
   * 送审材料: the kind's name, the record's id (for software; the printed opinion never shows
   * it) and its 题名 — the submitted title, else the kind's name.
   */
  readonly materials: readonly { readonly name: string; readonly id: string; readonly title: string }[];
  /** 送审次数. */
  readonly submissions: number;
  /** 审核期限. */
  readonly due?: ReviewDeadline;
  /**
   * 审核人员: id (for software), name (given, else from the bodies registry; absent when
   * neither knows it) and the 法律职业资格证书编号 when held.
   */
  readonly reviewer: { readonly id: string; readonly name?: string; readonly legalQualification?: string };
  /**
   * 审核机关 — the organ that gives the opinion, by its full name from the bodies registry
   * ({@link organName}): the body given, else the reviewer's body; absent without a registry.
   */
  readonly organ?: string;
  /** 逐项审核意见: the question, and the answer in the document's words ({@link REVIEW_FINDING_ANSWERS}). */
  readonly findings: readonly {
    readonly item: ReviewItem;
    readonly name: string;
    readonly ok: boolean;
    /** 审核结果 — `是`, `否`, `未超越法定权限`, `涉嫌犯罪，需要移送司法机关` …. */
    readonly answer: string;
    readonly note?: string;
  }[];
  /** 审核结论. */
  readonly outcome: ReviewOutcome;
  /** Its Chinese wording (同意 / 存在问题 / 不同意). */
  readonly outcomeName: string;
  /** 修改意见. */
  readonly requiredChanges: readonly string[];
  /** 审核意见. */
  readonly opinion: string;
  /** 出具时间. */
  readonly concludedAt: Instant;
  /** Given after the deadline. */
  readonly late: boolean;
  /** 法律顾问室意见, when the review was escalated. */
  readonly adviserOpinion?: string;
  /** 集体讨论, when the opinion was disputed. */
  readonly discussions: readonly ReviewDiscussion[];
  /**
   * 参加人员 of each discussion (same order as `discussions`) by name from the bodies registry;
   * a participant the registry does not know is counted in `unnamed`, never shown by id.
   */
  readonly discussionParticipants: readonly { readonly names: readonly string[]; readonly unnamed: number }[];
  /** The draft's hash the opinion is about. */
  readonly draftHash: string;
  /** The rules the document rests on. */
  readonly sources: readonly RuleSource[];
}

/**
 * 处罚内容 in Chinese, amounts as a decision document writes them ({@link amountWithCapitalsText}):
 * `警告、罚款人民币5,000.00元（大写：人民币伍仟元整）`.
 */
export function penaltyText(p: DraftPenalty | undefined, outcome: string): string {
  if (outcome === "coercion") return "行政强制决定";
  if (outcome === "licence") return "行政许可决定";
  if (p === undefined) {
    return (
      {
        noPenaltyMinor: "不予行政处罚（违法行为轻微）",
        notEstablished: "不予行政处罚（违法事实不能成立）",
        transfer: "移送司法机关",
      }[outcome] ?? "其他决定"
    );
  }
  return p.kinds
    .map((k) =>
      k === "fine" && p.fineFen !== undefined
        ? `罚款${amountWithCapitalsText(p.fineFen)}`
        : (k === "confiscateGains" || k === "confiscateProperty") && p.confiscationFen !== undefined
          ? `${PENALTY_KIND_LABELS[k]}${amountWithCapitalsText(p.confiscationFen)}`
          : PENALTY_KIND_LABELS[k],
    )
    .join("、");
}

/**
 * 拟作出的决定（中文） — the decision a draft proposes, in Chinese: the penalty
 * ({@link penaltyText}), or the coercive or licensing decision with its value or matter.
 */
export function proposalText(draft: ReviewDraft): string {
  if (draft.coercion !== undefined) {
    const c = draft.coercion;
    const value = c.valueFen === undefined ? "" : `，涉案财物价值${amountText(c.valueFen)}`;
    return `${COERCION_TEXT[c.kind]}${value}${c.stopsOperations ? "（导致停产停业）" : ""}`;
  }
  if (draft.licence !== undefined) return `${LICENCE_TEXT[draft.licence.decision]}：${draft.licence.matter}`;
  return penaltyText(draft.penalty, draft.outcome);
}

const COERCION_TEXT: Readonly<Record<DraftCoercionKind, string>> = {
  sealOrSeize: "查封、扣押",
  freeze: "冻结存款、汇款",
  auction: "拍卖或者依法处理查封、扣押的财物",
  demolition: "强制拆除",
  execution: "强制执行",
};

const LICENCE_TEXT: Readonly<Record<DraftLicenceDecision, string>> = {
  grant: "准予行政许可",
  refuse: "不予行政许可",
  change: "变更行政许可",
  renew: "延续行政许可",
  revoke: "撤销行政许可",
  cancel: "注销行政许可",
};

/**
 * 审核结果用语 — how the opinion answers each checklist question, in the question's own words:
 * a 是否 question is answered 是 or 否; 是否超越法定权限 is answered 未超越法定权限 or 超越法定权限;
 * 是否涉嫌犯罪 is answered 不涉嫌犯罪 or 涉嫌犯罪 (pilot plan 二（三）（2）, the checklist).
 */
export const REVIEW_FINDING_ANSWERS: Readonly<Record<ReviewItem, { readonly ok: string; readonly problem: string }>> = {
  body: { ok: "是", problem: "否" },
  officers: { ok: "是", problem: "否" },
  procedure: { ok: "是", problem: "否" },
  factsAndEvidence: { ok: "是", problem: "否" },
  lawAndBenchmark: { ok: "是", problem: "否" },
  authority: { ok: "未超越法定权限", problem: "超越法定权限" },
  documents: { ok: "是", problem: "否" },
  crimeTransfer: { ok: "不涉嫌犯罪，无需移送", problem: "涉嫌犯罪，需要移送司法机关" },
};

/** Options of {@link reviewOpinion}. */
export interface ReviewOpinionOptions {
  /** 审核人员姓名 — wins over the registry's. */
  readonly reviewerName?: string;
  /**
   * 执法主体及人员数据库 — names the reviewer, the discussion's participants and the organ
   * ({@link organName}) as of the day the opinion was given.
   */
  readonly bodies?: BodiesRegistry;
  /** 审核机关 — the body whose organ heads the opinion (default: the reviewer's body). */
  readonly bodyId?: string;
}

/**
 * 法制审核意见书 — the latest opinion of a review as a structured document: the case, the
 * draft reviewed, why it is major, the materials, the reviewer, the organ, the answer to
 * each checklist item, the outcome with required changes, the legal adviser office's opinion
 * and any collective discussion. Names come from `options` and the bodies registry, never
 * from ids. `REVIEW_NOT_CONCLUDED` before an opinion was given; `REGISTRY_NOT_FOUND` when
 * `options.bodyId` names a body the registry does not have on the opinion's day.
 */
export function reviewOpinion(
  state: ReviewState,
  options: ReviewOpinionOptions = {},
): Result<ReviewOpinion, SanxiangError> {
  const c = state.context;
  const last = c.conclusions.at(-1);
  const draft = c.draft;
  if (last === undefined || draft === undefined || c.caseId === undefined) {
    return err(
      sanxiangError(
        "REVIEW_NOT_CONCLUDED",
        `法制审核 ${state.reviewId} 尚未出具审核意见（${REVIEW_STATE_NAMES[state.value]}）`,
        {
          details: { reviewId: state.reviewId, state: state.value },
        },
      ),
    );
  }
  const day = civilDateOf(last.at);
  const bodies = options.bodies;
  const reviewerName =
    options.reviewerName ?? (bodies === undefined ? undefined : officerName(bodies, last.reviewerId, day));
  let organ: string | undefined;
  if (bodies !== undefined) {
    const reviewerBody = bodies.officer(last.reviewerId, day);
    const bodyId = options.bodyId ?? (reviewerBody.isOk() ? reviewerBody.value.bodyId : undefined);
    if (bodyId !== undefined) {
      const named = organName(bodies, bodyId, day);
      if (named.isErr() && options.bodyId !== undefined) return err(named.error);
      if (named.isOk()) organ = named.value;
    }
  }
  const discussionParticipants = c.discussions.map((d) => {
    const at = civilDateOf(d.at);
    const known = d.participants.map((id) => (bodies === undefined ? undefined : officerName(bodies, id, at)));
    const names = known.filter((n): n is string => n !== undefined);
    return { names, unnamed: known.length - names.length };
  });
  return ok({
    reviewId: state.reviewId,
    caseId: c.caseId,
    party: draft.party.name,
    facts: draft.facts,
    basis: draft.basis,
    proposal: proposalText(draft),
    reasons: c.reasons,
    materials: c.materials.map((m) => ({
      name: REVIEW_MATERIAL_NAMES[m.kind],
      id: m.id,
      title: m.title ?? REVIEW_MATERIAL_NAMES[m.kind],
    })),
    submissions: c.submissions,
    ...(c.due === undefined ? {} : { due: c.due }),
    reviewer: {
      id: last.reviewerId,
      ...(reviewerName === undefined ? {} : { name: reviewerName }),
      ...(c.legalQualification === undefined ? {} : { legalQualification: c.legalQualification }),
    },
    ...(organ === undefined ? {} : { organ }),
    findings: last.findings.map((f) => ({
      item: f.item,
      name: REVIEW_ITEM_NAMES[f.item],
      ok: f.ok,
      answer: f.ok ? REVIEW_FINDING_ANSWERS[f.item].ok : REVIEW_FINDING_ANSWERS[f.item].problem,
      ...(f.note === undefined ? {} : { note: f.note }),
    })),
    outcome: last.outcome,
    outcomeName: REVIEW_OUTCOME_NAMES[last.outcome],
    requiredChanges: last.requiredChanges,
    opinion: last.opinion,
    concludedAt: last.at,
    late: last.late,
    ...(c.escalation?.advice === undefined ? {} : { adviserOpinion: c.escalation.advice }),
    discussions: c.discussions,
    discussionParticipants,
    draftHash: last.draftHash,
    sources: [REVIEW_SOURCES.gate, REVIEW_SOURCES.qualification, REVIEW_SOURCES.checklist],
  });
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const esc = (value: string | number): string => String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

const STYLE = `
body{font-family:"SimSun","Songti SC","WenQuanYi Micro Hei",serif;margin:2em auto;max-width:48em;color:#000}
.organ{text-align:center;font-size:1.3em;margin:0}
h1{text-align:center;font-size:1.6em;letter-spacing:.3em;margin-top:.3em}
h2{font-size:1.1em;margin-top:1.4em}
.meta{display:flex;justify-content:space-between;margin:1em 0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.4em .5em;vertical-align:top}
th{background:#f2f2f2}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
dt{font-weight:bold}
code{font-family:monospace;font-size:.8em;word-break:break-all}
td.n{text-align:right;white-space:nowrap}
td.answer{white-space:nowrap}
.outcome{font-size:1.2em;font-weight:bold}
.sign{margin-top:3em;text-align:right}
.note{font-size:.9em}
@media print{body{margin:0}th{background:none}}
`.trim();

/** Options of {@link reviewOpinionHtml}. */
export interface ReviewOpinionHtmlOptions {
  /**
   * 机关名称 — the organ printed as the heading, over the opinion's own `organ` (from the
   * bodies registry). Pass the registry's name ({@link organName}), never an area.
   */
  readonly organName?: string;
  /** @deprecated The same as `organName` (kept for callers written before it). */
  readonly bureauName?: string;
  /** 法制审核机构 — the unit printed above the signature (default `法制审核机构`). */
  readonly reviewUnit?: string;
  /**
   * 法规名称 — law titles to put in 《》 where the draft's basis names them bare
   * (`律师法第五十条` → `《律师法》第五十条`), e.g. every title of `@sanxiang/core/laws`;
   * the laws the opinion itself cites are always known.
   */
  readonly lawTitles?: readonly string[];
}

/**
 * 法制审核意见书（打印版）— the opinion as a standalone printable Chinese HTML page (no
 * scripts, no external resources, inline CSS), headed by the organ: official dates
 * (2026年3月11日), amounts with 大写, citations in 《》, each question answered in its own
 * words, people and materials by name and title — no id, hash aside, is printed. Every value
 * is HTML-escaped. The wording is {@link reviewOpinionDocument}'s, shared with the text and
 * Markdown forms.
 */
export function reviewOpinionHtml(opinion: ReviewOpinion, options: ReviewOpinionHtmlOptions = {}): string {
  const d = reviewOpinionDocument(opinion, options);
  const li = (items: readonly string[]) =>
    items.length === 0 ? "<p>无</p>" : `<ol>${items.map((x) => `<li>${esc(x)}</li>`).join("")}</ol>`;
  const findings = d.findings
    .map(
      (f, i) =>
        `<tr><td class="n">${i + 1}</td><td>${esc(f.name)}</td><td class="answer">${esc(f.answer)}</td><td>${esc(f.note)}</td></tr>`,
    )
    .join("\n");
  const materials = d.materials
    .map((m, i) => `<tr><td class="n">${i + 1}</td><td>${esc(m.title)}</td><td>${esc(m.kind)}</td></tr>`)
    .join("\n");
  const discussions = d.discussions.map((x) => `<p>${esc(x)}</p>`).join("\n");
  const organ = d.organ;
  const matters = d.matters.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`).join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${organ === undefined ? "" : esc(organ)}法制审核意见书（${esc(d.caseId)}）</title>
<style>${STYLE}</style>
</head>
<body>
${organ === undefined ? "" : `<p class="organ">${esc(organ)}</p>\n`}<h1>法制审核意见书</h1>
<div class="meta"><span>案件编号：${esc(d.caseId)}</span><span>${esc(d.submissionText)}</span></div>
<h2>一、送审事项</h2>
<dl>
${matters}
</dl>
<h2>二、属于重大执法决定的情形</h2>
${li(d.reasons)}
<h2>三、送审材料</h2>
<table>
<thead><tr><th>序号</th><th>题名</th><th>材料类别</th></tr></thead>
<tbody>
${materials}
</tbody>
</table>
<h2>四、审核意见</h2>
<table>
<thead><tr><th>序号</th><th>审核事项</th><th>审核结果</th><th>意见</th></tr></thead>
<tbody>
${findings}
</tbody>
</table>
${d.adviserOpinion === undefined ? "" : `<p>法律顾问室意见：${esc(d.adviserOpinion)}</p>`}
<p class="outcome">审核结论：${esc(d.outcomeName)}</p>
<p>${esc(d.opinion)}</p>
<h2>五、修改意见</h2>
${li(d.requiredChanges)}
${discussions === "" ? "" : `<h2>六、集体讨论</h2>\n${discussions}`}
<div class="sign">
<p>${esc(d.reviewUnit)}</p>
<p>审核人员：${esc(d.reviewer)}</p>
<p>${esc(d.dated)}</p>
</div>
<p class="note">${OPINION_DRAFT_NOTE.before}<code>${esc(d.draftHash)}</code>${OPINION_DRAFT_NOTE.after}</p>
<p class="note">依据：${esc(d.sources)}</p>
</body>
</html>
`;
}
