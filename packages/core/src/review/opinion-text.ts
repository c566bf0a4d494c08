// The review opinion (法制审核意见书) as a document model — every line's wording decided once —
// and its plain-text and Markdown forms. The printable HTML page (opinion.ts) renders the same
// model, so the three forms never word a date, an answer or a name differently. Values come
// from events and bureau data: each form escapes what its format needs (HTML entities,
// Markdown punctuation) and the text form drops control characters (no terminal escapes).
import { civilDateOf, type Instant } from "../kernel/time.js";
import { citationText, citeLawTitles, dateText } from "../kernel/wording.js";
import type { ReviewOpinion, ReviewOpinionHtmlOptions } from "./opinion.js";

/** Options of {@link reviewOpinionText} and {@link reviewOpinionMarkdown} — those of the HTML page. */
export type ReviewOpinionTextOptions = ReviewOpinionHtmlOptions;

/**
 * 法制审核意见书（文书结构）— the opinion laid out as the document reads, every value already
 * worded (dates as 2026年3月11日, citations in 《》, names, never ids); the HTML, text and
 * Markdown forms render it.
 */
export interface ReviewOpinionDocument {
  /** 机关名称 — the heading, when known. */
  readonly organ?: string;
  /** 案件编号. */
  readonly caseId: string;
  /** 第n次送审. */
  readonly submissionText: string;
  /** 一、送审事项: label and value. */
  readonly matters: readonly (readonly [label: string, value: string])[];
  /** 二、属于重大执法决定的情形, each with its citation. */
  readonly reasons: readonly string[];
  /** 三、送审材料: 题名 and 材料类别. */
  readonly materials: readonly { readonly title: string; readonly kind: string }[];
  /** 四、审核意见: 审核事项, 审核结果, 意见. */
  readonly findings: readonly { readonly name: string; readonly answer: string; readonly note: string }[];
  /** 法律顾问室意见, when escalated. */
  readonly adviserOpinion?: string;
  /** 审核结论's wording (同意 / 存在问题 / 不同意). */
  readonly outcomeName: string;
  /** 审核意见 in the reviewer's words. */
  readonly opinion: string;
  /** 五、修改意见. */
  readonly requiredChanges: readonly string[];
  /** 六、集体讨论: one sentence per discussion. */
  readonly discussions: readonly string[];
  /** 法制审核机构 above the signature. */
  readonly reviewUnit: string;
  /** 审核人员: name (or 姓名未登记) and the 法律职业资格证书编号. */
  readonly reviewer: string;
  /** 出具日期, with 超过审核期限 when late. */
  readonly dated: string;
  /** The draft's hash the opinion is about. */
  readonly draftHash: string;
  /** 依据: the citations the document rests on. */
  readonly sources: string;
}

const dayOf = (instant: Instant): string => dateText(civilDateOf(instant));

/** Lays out an opinion as the document reads ({@link ReviewOpinionDocument}). */
export function reviewOpinionDocument(
  opinion: ReviewOpinion,
  options: ReviewOpinionTextOptions = {},
): ReviewOpinionDocument {
  const o = opinion;
  const titles = [...(options.lawTitles ?? []), ...o.sources.map((x) => x.law), ...o.reasons.map((r) => r.source.law)];
  const cite = (text: string) => citeLawTitles(text, titles);
  const due =
    o.due === undefined
      ? "—"
      : `${dateText(o.due.due)}（自${dateText(o.due.start)}起算，${o.due.workingDays}个工作日${o.due.provisional === true ? (o.due.bound === "earliest" ? "；暂定，为最早可能的届满日" : "；暂定") : ""}）`;
  const discussions = o.discussions.map((d, i) => {
    const who = o.discussionParticipants[i] ?? { names: [], unnamed: d.participants.length };
    const names = [...who.names, ...(who.unnamed > 0 ? [`另${who.unnamed}人（姓名未登记）`] : [])].join("、");
    return `${dayOf(d.at)}，负责人集体讨论（负责人${d.membersTotal}人，参加${d.participants.length}人：${names}）：${d.conclusion}`;
  });
  const organ = options.organName ?? options.bureauName ?? o.organ;
  return {
    ...(organ === undefined ? {} : { organ }),
    caseId: o.caseId,
    submissionText: `第${o.submissions}次送审`,
    matters: [
      ["当事人", o.party],
      ["违法事实", o.facts],
      ["法律依据", o.basis.map(cite).join("；")],
      ["拟作出的决定", o.proposal],
      ["审核期限", due],
    ],
    reasons: o.reasons.map((r) => `${r.text}（${citationText(r.source)}）`),
    materials: o.materials.map((m) => ({ title: m.title, kind: m.name })),
    findings: o.findings.map((f) => ({ name: f.name, answer: f.answer, note: f.note ?? "" })),
    ...(o.adviserOpinion === undefined ? {} : { adviserOpinion: o.adviserOpinion }),
    outcomeName: o.outcomeName,
    opinion: o.opinion,
    requiredChanges: o.requiredChanges,
    discussions,
    reviewUnit: options.reviewUnit ?? "法制审核机构",
    reviewer: `${o.reviewer.name ?? "（姓名未登记）"}${o.reviewer.legalQualification === undefined ? "" : `（法律职业资格证书编号：${o.reviewer.legalQualification}）`}`,
    dated: `${dayOf(o.concludedAt)}${o.late ? "（超过审核期限）" : ""}`,
    draftHash: o.draftHash,
    sources: o.sources.map((x) => citationText(x)).join("；"),
  };
}

/** The closing note: which draft the opinion is about. */
export const OPINION_DRAFT_NOTE = {
  /** Before the hash. */
  before: "本意见针对所送审的决定草案（草案校验值：",
  /** After the hash. */
  after: "）。作出的决定与该草案不一致的，本意见不适用，须重新送审。",
} as const;

/** Control characters (C0, DEL, C1) and line breaks: never printed raw to a terminal. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
const plain = (s: string | number): string => String(s).replace(CONTROL, " ");

/**
 * 法制审核意见书（文本）— the opinion as plain Chinese text for a terminal or a text file: the
 * same wording as the printed page ({@link reviewOpinionDocument}); control characters in
 * the data are printed as spaces, so a value can neither break a line nor send a terminal
 * escape.
 */
export function reviewOpinionText(opinion: ReviewOpinion, options: ReviewOpinionTextOptions = {}): string {
  const d = reviewOpinionDocument(opinion, options);
  const lines: string[] = [];
  const list = (items: readonly string[]) =>
    items.length === 0 ? ["  无"] : items.map((x, i) => `  ${i + 1}. ${plain(x)}`);
  if (d.organ !== undefined) lines.push(plain(d.organ));
  lines.push("法制审核意见书", `案件编号：${plain(d.caseId)}　${d.submissionText}`, "", "一、送审事项");
  for (const [label, value] of d.matters) lines.push(`  ${label}：${plain(value)}`);
  lines.push("", "二、属于重大执法决定的情形", ...list(d.reasons), "", "三、送审材料");
  lines.push(
    ...list(d.materials.map((m) => (m.title === m.kind ? m.title : `${m.title}（${m.kind}）`))),
    "",
    "四、审核意见",
  );
  lines.push(
    ...d.findings.map(
      (f, i) => `  ${i + 1}. ${plain(f.name)}：${plain(f.answer)}${f.note === "" ? "" : `（${plain(f.note)}）`}`,
    ),
  );
  if (d.adviserOpinion !== undefined) lines.push(`  法律顾问室意见：${plain(d.adviserOpinion)}`);
  lines.push(`  审核结论：${plain(d.outcomeName)}`, `  ${plain(d.opinion)}`, "", "五、修改意见");
  lines.push(...list(d.requiredChanges));
  if (d.discussions.length > 0) lines.push("", "六、集体讨论", ...d.discussions.map((x) => `  ${plain(x)}`));
  lines.push("", plain(d.reviewUnit), `审核人员：${plain(d.reviewer)}`, plain(d.dated), "");
  lines.push(`${OPINION_DRAFT_NOTE.before}${plain(d.draftHash)}${OPINION_DRAFT_NOTE.after}`);
  lines.push(`依据：${plain(d.sources)}`);
  return `${lines.join("\n")}\n`;
}

/** Markdown punctuation that could start a construct, escaped; line breaks become spaces. */
const md = (s: string | number): string => {
  const escaped = String(s)
    .replace(CONTROL, " ")
    .replace(/[\\`*_[\]<>|!~&]/g, (ch) => `\\${ch}`);
  // A value that starts a paragraph must not open a list, a heading or a thematic break.
  return escaped.replace(/^(\s*)([-+#=])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
};

/**
 * 法制审核意见书（Markdown）— the opinion as Markdown (CommonMark with GFM tables), for a wiki
 * or a review system: the same wording as the printed page ({@link reviewOpinionDocument});
 * every value has its Markdown punctuation escaped, so data never turns into a link, an
 * image, raw HTML or a table cell of its own.
 */
export function reviewOpinionMarkdown(opinion: ReviewOpinion, options: ReviewOpinionTextOptions = {}): string {
  const d = reviewOpinionDocument(opinion, options);
  const list = (items: readonly string[]) => (items.length === 0 ? ["无"] : items.map((x, i) => `${i + 1}. ${md(x)}`));
  const out: string[] = [];
  if (d.organ !== undefined) out.push(`**${md(d.organ)}**`, "");
  out.push("# 法制审核意见书", "", `案件编号：${md(d.caseId)}　${d.submissionText}`, "", "## 一、送审事项", "");
  for (const [label, value] of d.matters) out.push(`- **${label}**：${md(value)}`);
  out.push("", "## 二、属于重大执法决定的情形", "", ...list(d.reasons), "", "## 三、送审材料", "");
  out.push("| 序号 | 题名 | 材料类别 |", "| ---: | --- | --- |");
  out.push(...d.materials.map((m, i) => `| ${i + 1} | ${md(m.title)} | ${md(m.kind)} |`));
  out.push("", "## 四、审核意见", "", "| 序号 | 审核事项 | 审核结果 | 意见 |", "| ---: | --- | --- | --- |");
  out.push(...d.findings.map((f, i) => `| ${i + 1} | ${md(f.name)} | ${md(f.answer)} | ${md(f.note)} |`));
  out.push("");
  if (d.adviserOpinion !== undefined) out.push(`法律顾问室意见：${md(d.adviserOpinion)}`, "");
  out.push(
    `**审核结论：${md(d.outcomeName)}**`,
    "",
    md(d.opinion),
    "",
    "## 五、修改意见",
    "",
    ...list(d.requiredChanges),
  );
  if (d.discussions.length > 0) out.push("", "## 六、集体讨论", "", ...d.discussions.map((x) => `${md(x)}\n`));
  out.push("", md(d.reviewUnit), "", `审核人员：${md(d.reviewer)}`, "", md(d.dated), "");
  out.push(`${OPINION_DRAFT_NOTE.before}\`${d.draftHash.replace(/[`\s]/g, "")}\`${OPINION_DRAFT_NOTE.after}`, "");
  out.push(`依据：${md(d.sources)}`);
  return `${out.join("\n")}\n`;
}
