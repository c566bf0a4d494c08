// The printable catalogue (卷内目录) of a case file: a standalone page — no script, no
// external resource, inline CSS — that prints the same offline. The catalogue has the columns
// an archive reader expects (序号, 文号, 责任者, 题名, 日期, 件号, 备注; an electronic file has
// no page numbers, so 件号 stands where paper has 页号), grouped under the procedure's steps
// (立案 … 告知 … 法制审核 … 归档); the content hashes, proofs and the signed tree head follow
// in an appendix (附：电子数据校验值). Titles and names come from event payloads and bureau
// data, so every value is escaped, text and attributes alike.
import { toHex } from "../kernel/hash.js";
import { type CivilDate, civilDateOf, epochMillis, type Instant, instantFromEpochMillis } from "../kernel/time.js";
import { citationText, dateText } from "../kernel/wording.js";
import { organName } from "../registry/bodies/organ.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import type { CaseEvent } from "./case-event.js";
import { CASE_FILE_PART_NAMES, CASE_FILE_SOURCES, type CaseFile, type CaseFilePartKind } from "./casefile.js";
import { STAGE_NAMES, type Stage } from "./vocabulary.js";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// China Standard Time has been UTC+8 all year since 1991; the offset is fixed, so the
// time of day is plain arithmetic on the instant.
const CST_OFFSET_MS = 8 * 3_600_000;

/** An instant as officers read it: `2026年5月1日 10:30` (China Standard Time). */
export function chinaTimeText(instant: Instant): string {
  const local = instantFromEpochMillis(epochMillis(instant) + CST_OFFSET_MS);
  const [y, m, d] = local.slice(0, 10).split("-");
  return `${y}年${Number(m)}月${Number(d)}日 ${local.slice(11, 16)}`;
}

const STYLE = `
body{font-family:"SimSun","Songti SC","WenQuanYi Micro Hei",serif;margin:2em auto;max-width:64em;color:#000}
.organ{text-align:center;font-size:1.3em;margin:0}
h1{text-align:center;font-size:1.6em;letter-spacing:.3em;margin-top:.3em}
h2{font-size:1.2em;margin-top:2em}
.meta{display:flex;justify-content:space-between;flex-wrap:wrap;gap:.5em 2em;margin:1em 0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.4em .5em;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}
td.n,td.d{text-align:right;white-space:nowrap}
td.nw{white-space:nowrap}
tr.step td{font-weight:bold;background:#fafafa}
code{font-family:monospace;font-size:.8em;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
dt{font-weight:bold}
.note{font-size:.9em}
.appendix{page-break-before:always}
@media print{body{margin:0}th,tr.step td{background:none}}
`.trim();

/**
 * 目录环节 — the step of the procedure a catalogue entry is filed under, where it differs
 * from its stage's name: the 行政处罚事先告知书 and the party's 陈述申辩 are 告知 (行政处罚法
 * Arts. 44–45), the hearing is 听证 (Arts. 63–65), legal review is 法制审核 (Art. 58), and
 * the disclosure of a decision is 公示 (Art. 48) — not the stage 审查 the events are recorded
 * in. Other entries are filed under their stage's name ({@link STAGE_NAMES}).
 */
export const CATALOGUE_STEP_BY_TYPE: Readonly<Record<string, string>> = {
  "notice.served": "告知",
  "defence.received": "告知",
  "defence.waived": "告知",
  "hearing.requested": "听证",
  "hearing.notified": "听证",
  "hearing.held": "听证",
  "review.approved": "法制审核",
};

/** The step an entry is filed under: by type ({@link CATALOGUE_STEP_BY_TYPE}), a review part's 法制审核, else the stage's name. */
export function catalogueStep(type: string, stage: Stage, part: CaseFilePartKind = "case"): string {
  if (part === "review") return "法制审核";
  return CATALOGUE_STEP_BY_TYPE[type] ?? STAGE_NAMES[stage];
}

/**
 * 当事人文书 — event types standing for a document the party makes or signs (the 听证申请书,
 * the 送达地址确认书): their 责任者 is the party, not the organ.
 */
export const PARTY_DOCUMENT_TYPES: readonly string[] = ["hearing.requested", "service.consented"];

/** 卷内目录行 — one row of the printed catalogue (see {@link catalogueRows}). */
export interface CatalogueRow {
  /** 序号. */
  readonly no: number;
  /** 目录环节 — the step it is filed under ({@link catalogueStep}). */
  readonly step: string;
  /** 文号 — the document's number where the record holds one, else empty. */
  readonly documentNumber: string;
  /** 责任者 — who made the document: the organ, the party, the receiving organ; empty when unknown. */
  readonly responsible: string;
  /** 题名. */
  readonly title: string;
  /** 日期 — the day it was recorded (China Standard Time). */
  readonly date: CivilDate;
  /** 件号 — its number in its own record (the case, a review, a disclosure), from 1. */
  readonly item: number;
  /** 备注 — the record it belongs to when not the case's own (法制审核, 行政执法公示). */
  readonly remark: string;
}

/** Options of {@link catalogueRows} and {@link caseFileHtml}. */
export interface CaseFileHtmlOptions {
  /** 标题 — the page title (default `卷内目录`). */
  readonly title?: string;
  /**
   * 机关名称 — the organ the file belongs to: the heading and the default 责任者. Default:
   * the organ of the case's body (`case.filed`'s `bodyId`) from `bodies` ({@link organName}),
   * else the deciding organ the decision's disclosure names.
   */
  readonly organName?: string;
  /** @deprecated The same as `organName` (kept for callers written before it). */
  readonly bureauName?: string;
  /** 执法主体及人员数据库 — resolves the organ when `organName` is not given. */
  readonly bodies?: BodiesRegistry;
  /** 法制审核机构 — 责任者 of the review's entries (default: the organ). */
  readonly reviewUnit?: string;
  /**
   * 文号 by event type (`{ "case.decided": "沙市监罚〔2026〕3号" }`), for documents whose number
   * the events do not hold; a number in the record (an event's `documentNumber`, the
   * decision's disclosure) wins.
   */
  readonly documentNumbers?: Readonly<Record<string, string>>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const obj = (v: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined;

/** What the file itself says about its organ, party, the decision's 文号 and a transfer's receiver. */
function factsOf(file: CaseFile, options: CaseFileHtmlOptions) {
  const filed = file.events.find((e) => e.caseId === file.caseId && e.type === "case.filed");
  const party = str(obj(filed?.payload.party)?.name);
  let disclosedNumber: string | undefined;
  let disclosedOrgan: string | undefined;
  for (const e of file.events) {
    if (e.type !== "disclosure.drafted") continue;
    const draft = obj(e.payload.draft);
    const content = obj(draft?.content);
    if (content?.kind !== "decision" || str(draft?.caseId) !== file.caseId) continue;
    disclosedNumber = str(content.documentNumber) ?? disclosedNumber;
    disclosedOrgan = str(content.agencyName) ?? str(draft?.bodyName) ?? disclosedOrgan;
  }
  let organ = options.organName ?? options.bureauName;
  const bodyId = str(filed?.payload.bodyId);
  if (organ === undefined && options.bodies !== undefined && bodyId !== undefined && filed !== undefined) {
    const named = organName(options.bodies, bodyId, civilDateOf(filed.at));
    if (named.isOk()) organ = named.value;
  }
  organ ??= disclosedOrgan;
  const receiver = str(file.events.find((e) => e.type === "transfer.sent")?.payload.receivingOrgan);
  return { organ, party, disclosedNumber, receiver };
}

/**
 * 卷内目录 — the rows of a case file's printed catalogue, in the file's catalogue order: 序号,
 * the step it is filed under, 文号 (an event's own `documentNumber`, the decision's number
 * from its disclosure, `options.documentNumbers`), 责任者 (the party for the party's
 * documents, the receiving organ for its receipt, the review unit for the review, else the
 * organ), 题名, 日期, 件号 and 备注. Reads the file only; checks nothing.
 */
export function catalogueRows(file: CaseFile, options: CaseFileHtmlOptions = {}): CatalogueRow[] {
  const facts = factsOf(file, options);
  const kinds = new Map(file.parts.map((p) => [p.streamId, p.kind]));
  const events = new Map(file.events.map((e) => [`${e.caseId}#${e.seq}`, e]));
  // Several reviews or disclosures are told apart by their order: 法制审核（二）.
  const ordinal = new Map<string, number>();
  const seen = new Map<CaseFilePartKind, number>();
  for (const p of file.parts) {
    const n = (seen.get(p.kind) ?? 0) + 1;
    seen.set(p.kind, n);
    ordinal.set(p.streamId, n);
  }
  const many = (kind: CaseFilePartKind) => (seen.get(kind) ?? 0) > 1;
  return file.catalogue.map((e) => {
    const kind = kinds.get(e.streamId) ?? "linked";
    const event: CaseEvent | undefined = events.get(`${e.streamId}#${e.seq}`);
    const payload = event?.payload ?? {};
    const documentNumber =
      str(payload.documentNumber) ??
      (e.type === "case.decided" && kind === "case" ? facts.disclosedNumber : undefined) ??
      (kind === "case" ? options.documentNumbers?.[e.type] : undefined) ??
      "";
    const responsible =
      (PARTY_DOCUMENT_TYPES.includes(e.type) ? facts.party : undefined) ??
      (e.type === "transfer.answered" ? facts.receiver : undefined) ??
      (kind === "review" ? options.reviewUnit : undefined) ??
      facts.organ ??
      "";
    const remark =
      kind === "case"
        ? ""
        : `${CASE_FILE_PART_NAMES[kind]}${many(kind) ? `（${chineseOrdinal(ordinal.get(e.streamId) ?? 1)}）` : ""}`;
    return {
      no: e.no,
      step: catalogueStep(e.type, e.stage, kind),
      documentNumber,
      responsible,
      title: e.title,
      date: civilDateOf(e.at),
      item: e.seq,
      remark,
    };
  });
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 一, 二 … 九十九 (larger counts in figures). */
function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

/**
 * 卷内目录（打印版）— the catalogue of a case file as a standalone printable Chinese HTML
 * page (one string, no scripts, no external resources), headed by the organ: the parts, then
 * the catalogue with 序号, 文号, 责任者, 题名, 日期, 件号 and 备注 ({@link catalogueRows}),
 * grouped under the procedure's steps; then an appendix, 附：电子数据校验值 — each entry's leaf
 * index and leaf hash, the signed tree head the file is proved against and how to verify it.
 * Every value is HTML-escaped. It prints what the file says; run {@link verifyCaseFile} to
 * know whether it is true.
 */
export function caseFileHtml(file: CaseFile, options: CaseFileHtmlOptions = {}): string {
  const title = options.title ?? "卷内目录";
  const organ = factsOf(file, options).organ;
  const rows = catalogueRows(file, options);
  const seen = new Map<CaseFilePartKind, number>();
  const parts = file.parts
    .map((p) => {
      const n = (seen.get(p.kind) ?? 0) + 1;
      seen.set(p.kind, n);
      const count = file.parts.filter((q) => q.kind === p.kind).length;
      const name = `${CASE_FILE_PART_NAMES[p.kind]}${count > 1 ? `（${chineseOrdinal(n)}）` : ""}`;
      return `<li>${esc(name)}：${esc(p.events)}件</li>`;
    })
    .join("");
  let step: string | undefined;
  const body: string[] = [];
  for (const r of rows) {
    if (r.step !== step) {
      step = r.step;
      body.push(`<tr class="step"><td colspan="7">${esc(step)}</td></tr>`);
    }
    body.push(
      `<tr><td class="n">${esc(r.no)}</td><td class="nw">${esc(r.documentNumber)}</td><td>${esc(r.responsible)}</td>` +
        `<td>${esc(r.title)}</td><td class="d">${esc(dateText(r.date))}</td><td class="n">${esc(r.item)}</td><td>${esc(r.remark)}</td></tr>`,
    );
  }
  const hashes = file.catalogue
    .map(
      (e) =>
        `<tr><td class="n">${esc(e.no)}</td><td>${esc(e.title)}</td><td class="nw">${esc(chinaTimeText(e.at))}</td>` +
        `<td class="n">${esc(e.leafIndex)}</td><td><code>${esc(toHex(e.leafHash))}</code></td></tr>`,
    )
    .join("\n");
  const sth = file.signedTreeHead;
  const sources = Object.values(CASE_FILE_SOURCES)
    .map((x) => esc(citationText(x)))
    .join("；");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}（${esc(file.caseId)}）</title>
<style>${STYLE}</style>
</head>
<body>
${organ === undefined ? "" : `<p class="organ">${esc(organ)}</p>\n`}<h1>${esc(title)}</h1>
<div class="meta"><span>案件编号：${esc(file.caseId)}</span><span>本卷共${esc(file.catalogue.length)}件</span></div>
<p>卷宗组成：</p><ul>${parts}</ul>
<table>
<thead><tr><th>序号</th><th>文号</th><th>责任者</th><th>题名</th><th>日期</th><th>件号</th><th>备注</th></tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table>
<p class="note">本卷为电子案卷，不编页号：“件号”为该件在所属记录（案件本身，或备注所列的法制审核、行政执法公示记录）中的顺序号，据此可在电子案卷中找到该件；“文号”空白的，为记录中未载明文号。</p>
<section class="appendix">
<h2>附：电子数据校验值</h2>
<table>
<thead><tr><th>序号</th><th>题名</th><th>记录时间</th><th>日志叶子序号</th><th>叶子哈希（${esc(sth.hashAlgorithm)}）</th></tr></thead>
<tbody>
${hashes}
</tbody>
</table>
<h2>签名树头</h2>
<dl>
<dt>日志标识</dt><dd>${esc(sth.logId)}</dd>
<dt>树大小</dt><dd>${esc(sth.treeSize)}</dd>
<dt>根哈希</dt><dd><code>${esc(toHex(sth.rootHash))}</code></dd>
<dt>签名时间</dt><dd>${esc(chinaTimeText(sth.timestamp))}</dd>
<dt>签名算法</dt><dd>${esc(sth.signatureAlgorithm)}</dd>
<dt>密钥标识</dt><dd><code>${esc(sth.keyId)}</code></dd>
<dt>签名</dt><dd><code>${esc(toHex(sth.signature))}</code></dd>
</dl>
<p class="note">核验方法：持本案卷电子文件（JSON）和执法机关公布的公钥，运行 <code>sanxiang verify 案卷.json --key 公钥</code>，
即可离线核验签名、每件文件的哈希及其包含性证明。本页仅为打印目录，不能代替电子核验。</p>
</section>
<p class="note">依据：${sources}</p>
</body>
</html>
`;
}
