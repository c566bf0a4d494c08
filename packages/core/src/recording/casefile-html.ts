// The printable catalogue (卷内目录) of a case file: a standalone page — no script, no
// external resource, inline CSS — that prints the same offline. Titles and ids come from
// event payloads and bureau data, so every value is escaped, text and attributes alike.
import { toHex } from "../kernel/hash.js";
import { formatSource } from "../kernel/source.js";
import { epochMillis, type Instant, instantFromEpochMillis } from "../kernel/time.js";
import { CASE_FILE_PART_NAMES, CASE_FILE_SOURCES, type CaseFile } from "./casefile.js";
import { STAGE_NAMES } from "./vocabulary.js";

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
h1{text-align:center;font-size:1.6em;letter-spacing:.3em}
.meta{display:flex;justify-content:space-between;margin:1em 0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.4em .5em;vertical-align:top}
th{background:#f2f2f2}
td.n{text-align:right;white-space:nowrap}
code{font-family:monospace;font-size:.8em;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
dt{font-weight:bold}
.note{font-size:.9em}
@media print{body{margin:0}th{background:none}}
`.trim();

/** Options of {@link caseFileHtml}. */
export interface CaseFileHtmlOptions {
  /** 标题 — the page title (default `卷内目录`). */
  readonly title?: string;
  /** 执法机关 — the bureau's name, printed in the header. */
  readonly bureauName?: string;
}

/**
 * 卷内目录（打印版）— the catalogue of a case file as a standalone printable Chinese HTML
 * page (one string, no scripts, no external resources): the parts (the case, its reviews, its
 * disclosures), then 序号, 环节, 组成 (the part), 题名, 记录时间, 事件序号, 叶子序号 and leaf
 * hash per entry, then the signed tree head the file is proved against and
 * how to verify it. Every value is HTML-escaped. It prints what the file says; run
 * {@link verifyCaseFile} to know whether it is true.
 */
export function caseFileHtml(file: CaseFile, options: CaseFileHtmlOptions = {}): string {
  const title = options.title ?? "卷内目录";
  const kinds = new Map(file.parts.map((p) => [p.streamId, p.kind]));
  const partOf = (streamId: string): string => {
    const kind = kinds.get(streamId);
    const name = kind === undefined ? "" : CASE_FILE_PART_NAMES[kind];
    return kind === "case" ? name : `${name}（${streamId}）`;
  };
  const parts = file.parts.map((p) => `<li>${esc(partOf(p.streamId))}：${esc(p.events)} 件</li>`).join("");
  const rows = file.catalogue
    .map(
      (e) =>
        `<tr><td class="n">${esc(e.no)}</td><td>${esc(STAGE_NAMES[e.stage])}</td><td>${esc(partOf(e.streamId))}</td><td>${esc(e.title)}</td>` +
        `<td>${esc(chinaTimeText(e.at))}</td><td class="n">${esc(e.seq)}</td><td class="n">${esc(e.leafIndex)}</td>` +
        `<td><code>${esc(toHex(e.leafHash))}</code></td></tr>`,
    )
    .join("\n");
  const sth = file.signedTreeHead;
  const sources = Object.values(CASE_FILE_SOURCES)
    .map((s) => esc(formatSource(s)))
    .join("；");
  const bureau = options.bureauName === undefined ? "" : `<span>执法机关：${esc(options.bureauName)}</span>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}（${esc(file.caseId)}）</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<div class="meta">${bureau}<span>案件编号：${esc(file.caseId)}</span><span>共 ${esc(file.catalogue.length)} 件</span></div>
<p>卷宗组成：</p><ul>${parts}</ul>
<table>
<thead><tr><th>序号</th><th>环节</th><th>组成</th><th>题名</th><th>记录时间</th><th>事件序号</th><th>叶子序号</th><th>叶子哈希（${esc(sth.hashAlgorithm)}）</th></tr></thead>
<tbody>
${rows}
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
<p class="note">依据：${sources}</p>
</body>
</html>
`;
}
