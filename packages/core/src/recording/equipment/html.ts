import { formatSource } from "../../kernel/source.js";
import type { ProcurementList } from "./procurement.js";
import { EQUIPMENT_KIND_LABELS } from "./schema.js";

// The printable list is a standalone page: no script, no external resource, inline CSS only,
// so it prints the same offline. Every value comes from data a bureau typed in, so every
// value is escaped — text and attributes alike.

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

function civilDateText(date: string): string {
  const [y, m, d] = date.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const STYLE = `
body{font-family:"SimSun","Songti SC","WenQuanYi Micro Hei",serif;margin:2em auto;max-width:60em;color:#000}
h1{text-align:center;font-size:1.6em;letter-spacing:.1em}
.meta{display:flex;justify-content:space-between;margin:1em 0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.4em .5em;vertical-align:top}
th{background:#f2f2f2}
td.n{text-align:right;white-space:nowrap}
tfoot td{font-weight:bold}
.sign{display:flex;justify-content:space-between;margin-top:3em}
@media print{body{margin:0}th{background:none}}
`.trim();

/**
 * 采购需求清单（打印版）— the list as a standalone printable Chinese HTML page (one string,
 * no scripts, no external resources); every value is HTML-escaped.
 */
export function procurementListHtml(list: ProcurementList): string {
  const rows =
    list.items.length === 0
      ? `<tr><td colspan="6">各单位装备均已达到配备标准，无采购需求。</td></tr>`
      : list.items
          .map(
            (item, i) =>
              `<tr><td class="n">${i + 1}</td><td>${esc(item.bodyName)}</td><td>${esc(EQUIPMENT_KIND_LABELS[item.kind])}</td>` +
              `<td class="n">${esc(item.quantity)}</td><td>${esc(item.reason)}</td><td>${esc(formatSource(item.source))}</td></tr>`,
          )
          .join("\n");
  const totals = list.totals.map((t) => `${esc(EQUIPMENT_KIND_LABELS[t.kind])} ${esc(t.quantity)} 台`).join("；");
  const standards = list.standards.map((s) => `<li>${esc(s)}</li>`).join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(list.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(list.title)}</h1>
<div class="meta"><span>报送：${esc(list.recipient)}</span><span>统计日期：${esc(civilDateText(list.asOf))}</span></div>
<table>
<thead><tr><th>序号</th><th>执法单位</th><th>装备类别</th><th>数量（台）</th><th>采购理由</th><th>依据</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="6">合计：${list.totals.length === 0 ? "无" : totals}</td></tr></tfoot>
</table>
<h2>配备标准</h2>
<ol>
${standards}
</ol>
<div class="sign"><span>编制单位（盖章）：${esc(list.preparedBy)}</span>${list.preparer === undefined ? "" : `<span>编制人：${esc(list.preparer.name)}${list.preparer.post === undefined ? "" : `（${esc(list.preparer.post)}）`}</span>`}<span>编制日期：${esc(civilDateText(list.preparedOn))}</span></div>
</body>
</html>
`;
}
