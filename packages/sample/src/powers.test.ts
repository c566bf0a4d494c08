import { readdirSync, readFileSync } from "node:fs";
import {
  chineseNumeral,
  createBodiesRegistry,
  createPowersRegistry,
  exportSheet,
  INSPECTION_ITEM_TABLE,
  importSheet,
  POWER_ITEM_TABLE,
  type RuleSource,
  SERVICE_GUIDE_TABLE,
} from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { SAMPLE_BODIES_DATA } from "./bodies.js";
import { SAMPLE_POWER_ITEMS, SAMPLE_POWERS_DATA } from "./powers.js";

// The statute texts shipped with the laws registry (public copies, mostly of LawRefBook/Laws;
// origins in scripts/gen-laws.ts).
const lawsDir = new URL("../../core/src/registry/laws/data/md/", import.meta.url);
const files = readdirSync(lawsDir);

/** The paragraphs of an article: each a list of its lines (first line, then items). */
function paragraphsOf(law: string, article: number): string[][] | undefined {
  const file = files.find((f) => f.startsWith(`${law}(`));
  if (file === undefined) return undefined;
  const lines = readFileSync(new URL(file, lawsDir), "utf8").split("\n");
  const head = `第${chineseNumeral(article)}条`;
  const start = lines.findIndex((l) => l.startsWith(`${head} `) || l.startsWith(`${head}\u3000`));
  if (start < 0) return undefined;
  const paras: string[][] = [];
  for (let i = start; i < lines.length; i++) {
    const l = (lines[i] ?? "").trim();
    if (l === "") continue;
    if (i > start && (/^第[零一二三四五六七八九十百千]+条/.test(l) || l.startsWith("#"))) break;
    if (/^[（(][一二三四五六七八九十]+[）)]/.test(l)) paras.at(-1)?.push(l);
    else paras.push([l]);
  }
  return paras;
}

function checkCites(source: RuleSource): string | undefined {
  if (source.article === undefined) return `${source.law}: no article`;
  const paras = paragraphsOf(source.law, source.article);
  if (paras === undefined) return `${source.law} 第${source.article}条 not found`;
  if (source.paragraph !== undefined && paras[source.paragraph - 1] === undefined) {
    return `${source.law} 第${source.article}条 has no paragraph ${source.paragraph}`;
  }
  return undefined;
}

function allSources(): RuleSource[] {
  return [
    ...(SAMPLE_BODIES_DATA.bodies ?? []).flatMap((b) => b.authority),
    ...(SAMPLE_POWERS_DATA.items ?? []).flatMap((i) => i.basis),
    ...(SAMPLE_POWERS_DATA.guides ?? []).flatMap((g) => g.basis),
    ...(SAMPLE_POWERS_DATA.inspections ?? []).flatMap((i) => i.basis),
  ];
}

describe("sample powers list (示例权责清单)", () => {
  const bodies = createBodiesRegistry(SAMPLE_BODIES_DATA)._unsafeUnwrap();
  const registry = createPowersRegistry(SAMPLE_POWERS_DATA, { body: (id, date) => bodies.body(id, date) });

  it("loads into the powers registry without error, every body in force", () => {
    const r = registry._unsafeUnwrap();
    expect(r.items("2026-01-01")).toHaveLength(SAMPLE_POWER_ITEMS.length);
    expect(r.items("2026-01-01", { kind: "penalty", bodyId: "spt-scjgj" })).toHaveLength(4);
    expect(r.guide("SPT-SF-JF-001", "2026-01-01")._unsafeUnwrap().acceptingBody).toContain("法律援助中心");
    expect(r.inspections("2026-01-01", "spt-scjgj")).toHaveLength(2);
  });

  it("cites only articles (and paragraphs) that exist in the statute texts", () => {
    const problems = allSources()
      .map(checkCites)
      .filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  it.each([
    ["律师法", 55, "没有取得律师执业证书的人员以律师名义从事法律服务业务"],
    ["律师法", 52, "提出处罚建议"],
    ["律师法", 47, "设区的市级或者直辖市的区人民政府司法行政部门"],
    ["公证法", 41, "设区的市人民政府司法行政部门"],
    ["法律援助法", 64, "以欺骗或者其他不正当手段获得法律援助"],
    ["法律援助法", 65, "冒用法律援助名义"],
    ["法律援助法", 43, "七日内"],
    ["价格违法行为行政处罚规定", 9, "不执行政府指导价、政府定价"],
    ["价格违法行为行政处罚规定", 13, "明码标价"],
    ["价格违法行为行政处罚规定", 15, "暂停相关营业"],
    ["市场监督管理行政处罚信息公示规定", 14, "提前停止公示"],
    ["优化营商环境条例", 54, "双随机、一公开"],
  ] as const)("%s 第%i条 says what the sample claims (%s)", (law, article, phrase) => {
    expect((paragraphsOf(law, article) ?? []).flat().join("")).toContain(phrase);
  });

  it("round-trips through the sheets", () => {
    const d = registry._unsafeUnwrap().data;
    expect(importSheet(POWER_ITEM_TABLE, exportSheet(POWER_ITEM_TABLE, d.items))._unsafeUnwrap()).toEqual(d.items);
    expect(importSheet(SERVICE_GUIDE_TABLE, exportSheet(SERVICE_GUIDE_TABLE, d.guides))._unsafeUnwrap()).toEqual(
      d.guides,
    );
    expect(
      importSheet(INSPECTION_ITEM_TABLE, exportSheet(INSPECTION_ITEM_TABLE, d.inspections))._unsafeUnwrap(),
    ).toEqual(d.inspections);
  });
});
