// The review opinion (法制审核意见书): a structured document built from the review's state,
// and a printable standalone HTML page in the house style of the case-file catalogue
// (recording/casefile-html.ts). Every value comes from events and bureau data, so every
// value is escaped.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { formatYuan } from "../kernel/money.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import type { Instant } from "../kernel/time.js";
import { chinaTimeText } from "../recording/casefile-html.js";
import { PENALTY_KIND_LABELS } from "../registry/benchmarks/schema.js";
import type { MajorReason } from "./catalogue.js";
import type { ReviewDiscussion } from "./context.js";
import type { DraftCoercionKind, DraftLicenceDecision, DraftPenalty, ReviewDraft } from "./draft.js";
import type { ReviewState } from "./fold.js";
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
  /** 拟作出的决定, in Chinese (e.g. `罚款 120,000.00 元`). */
  readonly proposal: string;
  /** Why the decision is major. */
  readonly reasons: readonly MajorReason[];
  /** 送审材料, by name and id. */
  readonly materials: readonly { readonly name: string; readonly id: string; readonly title?: string }[];
  /** 送审次数. */
  readonly submissions: number;
  /** 审核期限. */
  readonly due?: ReviewDeadline;
  /** 审核人员 (id) and the 法律职业资格证书编号 when held. */
  readonly reviewer: { readonly id: string; readonly name?: string; readonly legalQualification?: string };
  /** 逐项审核意见. */
  readonly findings: readonly {
    readonly item: ReviewItem;
    readonly name: string;
    readonly ok: boolean;
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
  /** The draft's hash the opinion is about. */
  readonly draftHash: string;
  /** The rules the document rests on. */
  readonly sources: readonly RuleSource[];
}

/** 处罚内容 in Chinese: `警告、罚款 5,000.00 元`. */
export function penaltyText(p: DraftPenalty | undefined, outcome: string): string {
  if (outcome === "coercion") return "行政强制决定";
  if (outcome === "licence") return "行政许可决定";
  if (p === undefined) {
    return (
      {
        noPenaltyMinor: "不予行政处罚（违法行为轻微）",
        notEstablished: "不予行政处罚（违法事实不能成立）",
        transfer: "移送司法机关",
      }[outcome] ?? outcome
    );
  }
  return p.kinds
    .map((k) =>
      k === "fine" && p.fineFen !== undefined
        ? `罚款 ${formatYuan(p.fineFen)} 元`
        : (k === "confiscateGains" || k === "confiscateProperty") && p.confiscationFen !== undefined
          ? `${PENALTY_KIND_LABELS[k]} ${formatYuan(p.confiscationFen)} 元`
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
    const value = c.valueFen === undefined ? "" : `，涉案财物价值 ${formatYuan(c.valueFen)} 元`;
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
 * 法制审核意见书 — the latest opinion of a review as a structured document: the case, the
 * draft reviewed, why it is major, the materials, the reviewer, the finding on each checklist
 * item, the outcome with required changes, the legal adviser office's opinion and any
 * collective discussion. `COMMAND_NOT_ALLOWED` before an opinion was given.
 */
export function reviewOpinion(
  state: ReviewState,
  options: { readonly reviewerName?: string } = {},
): Result<ReviewOpinion, SanxiangError> {
  const c = state.context;
  const last = c.conclusions.at(-1);
  const draft = c.draft;
  if (last === undefined || draft === undefined || c.caseId === undefined) {
    return err(sanxiangError("COMMAND_NOT_ALLOWED", "尚未出具法制审核意见", { details: { reviewId: state.reviewId } }));
  }
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
      ...(m.title === undefined ? {} : { title: m.title }),
    })),
    submissions: c.submissions,
    ...(c.due === undefined ? {} : { due: c.due }),
    reviewer: {
      id: last.reviewerId,
      ...(options.reviewerName === undefined ? {} : { name: options.reviewerName }),
      ...(c.legalQualification === undefined ? {} : { legalQualification: c.legalQualification }),
    },
    findings: last.findings.map((f) => ({
      item: f.item,
      name: REVIEW_ITEM_NAMES[f.item],
      ok: f.ok,
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
h1{text-align:center;font-size:1.6em;letter-spacing:.3em}
h2{font-size:1.1em;margin-top:1.4em}
.meta{display:flex;justify-content:space-between;margin:1em 0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.4em .5em;vertical-align:top}
th{background:#f2f2f2}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
dt{font-weight:bold}
code{font-family:monospace;font-size:.8em;word-break:break-all}
.outcome{font-size:1.2em;font-weight:bold}
.sign{margin-top:3em;text-align:right}
.note{font-size:.9em}
@media print{body{margin:0}th{background:none}}
`.trim();

/** Options of {@link reviewOpinionHtml}. */
export interface ReviewOpinionHtmlOptions {
  /** 执法机关 — printed in the header. */
  readonly bureauName?: string;
  /** 法制审核机构 — printed above the signature (default `法制审核机构`). */
  readonly reviewUnit?: string;
}

/**
 * 法制审核意见书（打印版）— the opinion as a standalone printable Chinese HTML page (no
 * scripts, no external resources, inline CSS). Every value is HTML-escaped.
 */
export function reviewOpinionHtml(opinion: ReviewOpinion, options: ReviewOpinionHtmlOptions = {}): string {
  const o = opinion;
  const li = (items: readonly string[]) =>
    items.length === 0 ? "<p>无</p>" : `<ol>${items.map((s) => `<li>${esc(s)}</li>`).join("")}</ol>`;
  const findings = o.findings
    .map((f) => `<tr><td>${esc(f.name)}</td><td>${f.ok ? "无问题" : "存在问题"}</td><td>${esc(f.note ?? "")}</td></tr>`)
    .join("\n");
  const materials = o.materials
    .map((m) => `<tr><td>${esc(m.name)}</td><td>${esc(m.title ?? "")}</td><td><code>${esc(m.id)}</code></td></tr>`)
    .join("\n");
  const discussions = o.discussions
    .map(
      (d) =>
        `<p>${esc(chinaTimeText(d.at))} 集体讨论（负责人 ${esc(d.membersTotal)} 人，参加 ${esc(d.participants.length)} 人：${esc(d.participants.join("、"))}）：${esc(d.conclusion)}</p>`,
    )
    .join("\n");
  const reviewer = `${o.reviewer.name ?? o.reviewer.id}${o.reviewer.legalQualification === undefined ? "" : `（法律职业资格证书编号 ${o.reviewer.legalQualification}）`}`;
  const bureau = options.bureauName === undefined ? "" : `<span>执法机关：${esc(options.bureauName)}</span>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>法制审核意见书（${esc(o.caseId)}）</title>
<style>${STYLE}</style>
</head>
<body>
<h1>法制审核意见书</h1>
<div class="meta">${bureau}<span>案件编号：${esc(o.caseId)}</span><span>审核编号：${esc(o.reviewId)}</span></div>
<h2>一、送审事项</h2>
<dl>
<dt>当事人</dt><dd>${esc(o.party)}</dd>
<dt>违法事实</dt><dd>${esc(o.facts)}</dd>
<dt>法律依据</dt><dd>${esc(o.basis.join("；"))}</dd>
<dt>拟作出的决定</dt><dd>${esc(o.proposal)}</dd>
<dt>送审次数</dt><dd>${esc(o.submissions)}</dd>
<dt>审核期限</dt><dd>${o.due === undefined ? "—" : `${esc(o.due.due)}（${esc(o.due.workingDays)} 个工作日${o.due.provisional === true ? (o.due.bound === "earliest" ? "，暂定：最早可能届满日" : "，暂定") : ""}）`}</dd>
</dl>
<h2>二、属于重大执法决定的情形</h2>
${li(o.reasons.map((r) => `${r.text}（${formatSource(r.source)}）`))}
<h2>三、送审材料</h2>
<table>
<thead><tr><th>材料</th><th>题名</th><th>编号</th></tr></thead>
<tbody>
${materials}
</tbody>
</table>
<h2>四、审核意见</h2>
<table>
<thead><tr><th>审核事项</th><th>结论</th><th>意见</th></tr></thead>
<tbody>
${findings}
</tbody>
</table>
${o.adviserOpinion === undefined ? "" : `<p>法律顾问室意见：${esc(o.adviserOpinion)}</p>`}
<p class="outcome">审核结论：${esc(o.outcomeName)}</p>
<p>${esc(o.opinion)}</p>
<h2>五、修改意见</h2>
${li(o.requiredChanges)}
${discussions === "" ? "" : `<h2>六、集体讨论</h2>\n${discussions}`}
<div class="sign">
<p>${esc(options.reviewUnit ?? "法制审核机构")}　审核人员：${esc(reviewer)}</p>
<p>${esc(chinaTimeText(o.concludedAt))}${o.late ? "（超过审核期限）" : ""}</p>
</div>
<p class="note">本意见所审核的决定草案哈希：<code>${esc(o.draftHash)}</code>。作出的决定与该草案不一致的，本意见不适用，须重新送审。</p>
<p class="note">依据：${esc(o.sources.map((s) => formatSource(s)).join("；"))}</p>
</body>
</html>
`;
}
