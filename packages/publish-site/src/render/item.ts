// One disclosure's page (公示信息页面) and a withdrawn item's notice (撤回公告): every field of
// the content kind, escaped with `t()`; links only from fixed paths and ids.
import {
  ACTION_CATEGORY_NAMES,
  amountText,
  citeLawTitles,
  civilDateOf,
  DISCLOSURE_KIND_NAMES,
  DISCLOSURE_PHASE_NAMES,
  type DisclosureContent,
  formatSource,
  type PublishedItem,
  procedureName,
  TERMS,
  type WithdrawalNotice,
} from "@sanxiang/core";
import { SDK_LAWS } from "@sanxiang/core/laws";
import type { SiteConfig } from "../config.js";
import { escapeHtml as t } from "../escape.js";
import { type BucketKey, bucketListPath, dateLabel, itemPath, rel } from "../paths.js";
import { bucketTitle, crumbsOfBucket, page } from "./layout.js";

const list = (values: readonly string[]): string => `<ul>${values.map((v) => `<li>${t(v)}</li>`).join("")}</ul>`;
/** A list of HTML already escaped. */
const listHtml = (values: readonly string[]): string => `<ul>${values.map((v) => `<li>${v}</li>`).join("")}</ul>`;
/** A name or a number that must never break across lines (执法证号, 文号, a person's name). */
const nw = (value: string): string => `<span class="nw">${t(value)}</span>`;
/** Every law title the SDK knows, full and short, for putting bare titles in a basis into 《》. */
const LAW_TITLES: readonly string[] = SDK_LAWS.flatMap((l) => [l.title, l.shortTitle]);
/** A basis (依据) list, each law title in 《》 as citations are written. */
const basisList = (values: readonly string[]): string => list(values.map((v) => citeLawTitles(v, LAW_TITLES)));
const PARTY_KINDS = { person: "公民", organisation: "法人或者其他组织" } as const;

type Field = readonly [label: string, html: string];

/** The fields of a content, label and escaped HTML, in reading order. */
function contentFields(c: DisclosureContent): Field[] {
  const f: (Field | undefined)[] = (() => {
    switch (c.kind) {
      case "decision":
        return [
          ["文号", nw(c.documentNumber)],
          ["执法机关", t(c.agencyName)],
          [
            "执法对象",
            `${nw(c.party.name)}（${PARTY_KINDS[c.party.kind]}${c.party.creditCode === undefined ? "" : `，统一社会信用代码：${nw(c.party.creditCode)}`}）`,
          ],
          [TERMS.decisionCategory, t(ACTION_CATEGORY_NAMES[c.category])],
          [TERMS.violation, t(c.matter)],
          c.facts === undefined ? undefined : ["主要事实", t(c.facts)],
          ["依据", basisList(c.basis)],
          ["执法结论", t(c.conclusion)],
          c.fineFen === undefined ? undefined : ["罚款", t(amountText(c.fineFen))],
          c.confiscationFen === undefined ? undefined : ["没收金额", t(amountText(c.confiscationFen))],
          ["决定日期", t(dateLabel(c.decidedOn))],
        ];
      case "enforcementAct":
        return [
          ["执法行为", t(c.act)],
          ["日期", t(dateLabel(c.actOn))],
          ["执法人员", listHtml(c.officers.map((o) => `${nw(o.name)}（执法证号：${nw(o.certificateNumber)}）`))],
          ["执法文书", list(c.documents)],
          c.party === undefined ? undefined : ["当事人", nw(c.party.name)],
        ];
      case "body":
        return [
          ["主体名称", t(c.name)],
          ["主体性质", t(c.nature)],
          ["执法依据", basisList(c.authority)],
          [TERMS.enforcementArea, list(c.categories)],
          c.address === undefined ? undefined : ["地址", t(c.address)],
          c.phone === undefined ? undefined : ["监督电话", t(c.phone)],
        ];
      case "officer":
        return [
          ["姓名", nw(c.name)],
          ["执法证号", nw(c.certificateNumber)],
          ["所属执法主体", t(c.bodyName)],
          [TERMS.enforcementArea, list(c.categories)],
          c.post === undefined ? undefined : ["职务", t(c.post)],
          c.validUntil === undefined ? undefined : ["证件有效期至", t(dateLabel(c.validUntil))],
        ];
      case "power":
        return [
          ["事项编码", t(c.code)],
          ["事项名称", t(c.name)],
          ["职权类别", t(c.powerKind)],
          ["实施依据", basisList(c.basis)],
          ["实施主体", t(c.bodyName)],
          ["责任科室", t(c.unit)],
          ["监督方式", t(c.supervision)],
          c.supervisionPhone === undefined ? undefined : ["监督电话", t(c.supervisionPhone)],
          ["追责情形", list(c.accountability)],
        ];
      case "serviceGuide":
        return [
          ["事项编码", t(c.itemCode)],
          ["事项名称", t(c.name)],
          ["设定依据", basisList(c.basis)],
          ["受理机构", t(c.acceptingBody)],
          ["决定机构", t(c.approvingBody)],
          ["办理条件", list(c.conditions)],
          ["申请材料", list(c.materials)],
          ["办理流程", `<ol>${c.process.map((s) => `<li>${t(s)}</li>`).join("")}</ol>`],
          ["办理时限", t(c.timeLimit)],
          ["监督方式", t(c.supervision)],
          ["办公时间", t(c.officeHours)],
          ["办公地址", t(c.address)],
          ["办公电话", t(c.phone)],
        ];
      case "flowchart":
        return [
          ["流程名称", t(c.name)],
          ["程序", t(procedureName(c.chart.procedure))],
        ];
      case "inspectionItem":
        return [
          ["事项编码", t(c.code)],
          ["检查事项", t(c.name)],
          c.subItem === undefined ? undefined : ["检查子项", t(c.subItem)],
          ["检查主体", t(c.bodyName)],
          ["检查对象", t(c.targets)],
          ["检查依据", basisList(c.basis)],
          ["检查方式", list(c.methods)],
          ["抽查比例", t(c.ratio)],
          ["抽查频次", `每年 ${c.timesPerYear} 次`],
        ];
      case "benchmark":
        return [
          ["名称", t(c.name)],
          ["处罚依据", basisList(c.basis)],
        ];
    }
  })();
  return f.filter((x): x is Field => x !== undefined);
}

const dl = (fields: readonly Field[]): string =>
  `<dl class="fields">${fields.map(([k, v]) => `<div><dt>${t(k)}</dt><dd>${v}</dd></div>`).join("")}</dl>`;

/** The flowchart: an ordered list of steps, a table of transitions, and an inline SVG drawing. */
function flowchartSection(c: Extract<DisclosureContent, { kind: "flowchart" }>): string {
  const names = new Map(c.chart.steps.map((s) => [s.id, s.name] as const));
  const name = (id: string) => names.get(id) ?? id;
  const steps = `<h2 id="steps">办理步骤</h2><ol class="steps">${c.chart.steps
    .map((s) => `<li>${t(s.name)}</li>`)
    .join("")}</ol>`;
  const transitions =
    c.chart.transitions.length === 0
      ? ""
      : `<h2 id="transitions">流转关系</h2><div class="table-wrap"><table><caption>各步骤之间的流转（序号与流程图中箭头上的编号对应）</caption><thead><tr><th scope="col">序号</th><th scope="col">从</th><th scope="col">到</th><th scope="col">条件</th></tr></thead><tbody>${c.chart.transitions
          .map(
            (x, i) =>
              `<tr><td>${i + 1}</td><td>${t(name(x.from))}</td><td>${t(name(x.to))}</td><td>${t(x.label)}</td></tr>`,
          )
          .join("")}</tbody></table></div>`;
  return `${steps}${transitions}<section class="flow-drawing"><h2 id="diagram">流程图</h2>${flowchartSvg(c)}</section>`;
}

/** Boxes top to bottom in step order; each transition an arrow, labelled, routed on the right when it skips steps. */
function flowchartSvg(c: Extract<DisclosureContent, { kind: "flowchart" }>): string {
  const W = 640;
  const boxW = 260;
  const boxH = 40;
  const gap = 36;
  const x0 = 40;
  const index = new Map(c.chart.steps.map((s, i) => [s.id, i] as const));
  const y = (i: number) => 20 + i * (boxH + gap);
  const height = y(c.chart.steps.length) + 10;
  const boxes = c.chart.steps
    .map(
      (s, i) =>
        `<g><rect x="${x0}" y="${y(i)}" width="${boxW}" height="${boxH}" rx="6" fill="#f4f7fb" stroke="#1f3a5f"/><text x="${x0 + boxW / 2}" y="${y(i) + boxH / 2 + 5}" text-anchor="middle" font-size="15" fill="#111">${t(s.name)}</text></g>`,
    )
    .join("");
  let lane = 0;
  // Each arrow carries its number in the transitions table, not its label: labels of
  // neighbouring arrows overlapped, and the table says the same in full.
  const arrows = c.chart.transitions
    .map((tr, n) => {
      const a = index.get(tr.from);
      const b = index.get(tr.to);
      if (a === undefined || b === undefined) return "";
      if (b === a + 1) {
        const y1 = y(a) + boxH;
        const y2 = y(b);
        return `<g><line x1="${x0 + boxW / 2}" y1="${y1}" x2="${x0 + boxW / 2}" y2="${y2 - 2}" stroke="#1f3a5f" marker-end="url(#arrow)"/><text x="${x0 + boxW / 2 + 8}" y="${(y1 + y2) / 2 + 5}" font-size="13" fill="#333">${n + 1}</text></g>`;
      }
      lane += 1;
      const xr = x0 + boxW + 14 * lane;
      const ya = y(a) + boxH / 2 - 6;
      const yb = y(b) + boxH / 2 + 6;
      return `<g><polyline points="${x0 + boxW},${ya} ${xr},${ya} ${xr},${yb} ${x0 + boxW + 2},${yb}" fill="none" stroke="#6b4e16" stroke-dasharray="4 3" marker-end="url(#arrow)"/><text x="${xr + 4}" y="${(ya + yb) / 2}" font-size="13" fill="#333">${n + 1}</text></g>`;
    })
    .join("");
  return `<figure class="flow"><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="flow-title"><title id="flow-title">${t(c.name)}流程图</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f3a5f"/></marker></defs>${boxes}${arrows}</svg><figcaption>图示与上方步骤列表、流转关系表内容相同；箭头上的编号即流转关系表的序号。</figcaption></figure>`;
}

/** 公示信息页面 — one item's page: every field of its content, then the disclosure's own facts. */
export function renderItemPage(item: PublishedItem, site: SiteConfig, bucket: BucketKey): string {
  const path = itemPath(item.id);
  const c = item.content;
  const meta: Field[] = [
    ["公示类别", t(`${DISCLOSURE_PHASE_NAMES[item.phase]} · ${DISCLOSURE_KIND_NAMES[item.kind]}`)],
    ["公示主体", t(item.bodyName)],
    ["首次公开", t(dateLabel(civilDateOf(item.publishedAt)))],
    ["本版发布", t(`${dateLabel(civilDateOf(item.updatedAt))}（第 ${item.version} 版）`)],
    ["公示期限", t(item.publicUntil === undefined ? "长期公开" : `至${dateLabel(item.publicUntil)}`)],
    ["公示依据", t(formatSource(item.source))],
  ];
  const corrections =
    item.corrections.length === 0
      ? ""
      : `<h2 id="corrections">更正说明</h2><ol class="corrections">${item.corrections
          .map((n) => `<li><time datetime="${t(n.at)}">${t(dateLabel(civilDateOf(n.at)))}</time>：${t(n.reason)}</li>`)
          .join("")}</ol>`;
  const tiers =
    c.kind === "benchmark"
      ? `<h2 id="tiers">裁量阶次</h2><table><caption>裁量情形与处罚幅度</caption><thead><tr><th scope="col">情形</th><th scope="col">处罚幅度</th></tr></thead><tbody>${c.tiers
          .map((x) => `<tr><td>${t(x.circumstance)}</td><td>${t(x.penalty)}</td></tr>`)
          .join("")}</tbody></table>`
      : "";
  const body = `<article class="item"><h2 id="content">公示内容</h2>${dl(contentFields(c))}${tiers}${
    c.kind === "flowchart" ? flowchartSection(c) : ""
  }${corrections}<h2 id="about">公示信息</h2>${dl(meta)}<p><a href="${t(rel(path, bucketListPath(bucket)))}">返回${t(bucketTitle(bucket))}</a></p></article>`;
  return page({
    path,
    title: item.title,
    site,
    body,
    crumbs: [...crumbsOfBucket(bucket), [bucketTitle(bucket), bucketListPath(bucket)]],
  });
}

/** 撤回公告 — what the URL of a withdrawn item shows: which item, when, why, under which rule. */
export function renderWithdrawalPage(notice: WithdrawalNotice, site: SiteConfig): string {
  const path = itemPath(notice.id);
  const body = `<article class="withdrawal"><p class="notice">本信息已撤回，原公示内容不再公开。</p>${dl([
    ["原公示信息", t(notice.title)],
    ["公示类别", t(DISCLOSURE_KIND_NAMES[notice.kind])],
    ["公示主体", t(notice.bodyName)],
    ["撤回日期", `<time datetime="${t(notice.withdrawnAt)}">${t(dateLabel(civilDateOf(notice.withdrawnAt)))}</time>`],
    ["撤回理由", t(notice.reason)],
    ["撤回依据", t(formatSource(notice.source))],
  ])}</article>`;
  return page({ path, title: `撤回公告：${notice.title}`, site, body });
}
