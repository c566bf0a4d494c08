import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../registry/csv.js";
import { exportSheet, headersOf, importSheet } from "../../registry/table.js";
import { checkEquipment } from "./check.js";
import { procurementListHtml } from "./html.js";
import { PROCUREMENT_TABLE, procurementList, procurementListCsv } from "./procurement.js";
import type { Equipment } from "./schema.js";

const HOSTILE = `"><img src=x onerror=alert(1)><script>alert('x')</script>&`;

function cams(bodyId: string, count: number): Equipment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${bodyId}-${i}`,
    kind: "bodyCamera" as const,
    model: "M",
    serial: `S${i}`,
    bodyId,
    status: "inUse" as const,
    acquiredOn: "2024-01-01",
  }));
}

const report = checkEquipment({
  asOf: "2026-01-05",
  staffing: [
    { bodyId: "a", bodyName: "甲局", officers: 4 },
    { bodyId: "b", bodyName: HOSTILE, officers: 2 },
  ],
  devices: [...cams("a", 6), ...cams("b", 1)],
})._unsafeUnwrap();

const list = procurementList(report, { preparedBy: "中卫市沙坡头区司法局", preparedOn: "2026-01-06" });

describe("procurement list (采购需求清单)", () => {
  it("turns each shortfall into an item with quantity, reason and rule, for the area's finance bureau (沙坡头区司法局三项制度试点工作方案 二（二）（3）)", () => {
    expect(list).toMatchObject({
      recipient: "中卫市沙坡头区财政局",
      title: "行政执法装备采购需求清单",
      asOf: "2026-01-05",
    });
    expect(list.items.map((i) => [i.bodyId, i.kind, i.quantity])).toEqual([
      ["a", "scanner", 2],
      ["b", "bodyCamera", 2],
      ["b", "scanner", 2],
    ]);
    expect(list.items[1]?.reason).toBe(
      "在岗执法人员2名，执法人员与执法记录仪配备比例为1:1.5，应配备3台，在用1台，缺2台",
    );
    // The organ's full name, not 区财政局 (issue 16).
    expect(list.recipient).toBe("中卫市沙坡头区财政局");
    expect(list.items[1]?.source).toEqual({
      law: "沙坡头区司法局三项制度试点工作方案",
      section: "二（二）（3）",
      confidence: "C-local",
    });
    expect(list.totals).toEqual([
      { kind: "scanner", quantity: 4 },
      { kind: "bodyCamera", quantity: 2 },
    ]);
    expect(list.standards[0]).toContain("依据：《沙坡头区司法局三项制度试点工作方案》 二（二）（3）");
  });

  it("writes the list as the finance bureau reads it: no internal ids or confidence marks (issue 16)", () => {
    const csv = procurementListCsv(list);
    expect(csv.startsWith("\uFEFF序号,执法单位,装备类别,数量（台）,采购理由,依据,统计日期\r\n")).toBe(true);
    expect(csv).toContain("执法记录仪");
    expect(csv).toContain("2026年1月5日");
    for (const raw of ["bodyCamera", "scanner", "[C-local]", ...list.items.map((i) => i.ruleId)]) {
      expect(csv).not.toContain(raw);
    }
  });

  it("exchanges the items through PROCUREMENT_TABLE and imports them back unchanged", () => {
    const csv = toCsv(exportSheet(PROCUREMENT_TABLE, list.items), headersOf(PROCUREMENT_TABLE));
    const sheet = parseCsv(csv, "采购需求清单")._unsafeUnwrap();
    expect(importSheet(PROCUREMENT_TABLE, sheet)._unsafeUnwrap()).toEqual(list.items);
  });

  it("names the finance organ of the preparing organ's area", () => {
    const of = (preparedBy: string) => procurementList(report, { preparedBy, preparedOn: "2026-01-06" }).recipient;
    expect(of("宁夏回族自治区司法厅")).toBe("宁夏回族自治区财政厅");
    expect(of("中卫市司法局")).toBe("中卫市财政局");
    // 市场 belongs to the department's name, not the area's.
    expect(of("中卫市沙坡头区市场监督管理局")).toBe("中卫市沙坡头区财政局");
    expect(of("中卫市市场监督管理局")).toBe("中卫市财政局");
    expect(of("甲局")).toBe("本级财政部门");
    expect(procurementList(report, { preparedBy: "甲局", preparedOn: "2026-01-06", recipient: "乙局" }).recipient).toBe(
      "乙局",
    );
  });

  it("prints a standalone Chinese page with every value escaped", () => {
    const html = procurementListHtml({ ...list, title: `<script>alert(1)</script>`, preparedBy: HOSTILE });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/"><img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(
      "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;",
    );
    expect(html).toContain("报送：中卫市沙坡头区财政局");
    expect(html).toContain("统计日期：2026年1月5日");
    expect(html).toContain("合计：扫描仪 4 台；执法记录仪 2 台");
    expect(html).not.toMatch(/<(link|img|script|iframe)\b/i);
  });

  it("says there is nothing to buy when every unit passes", () => {
    const scanners = ["s1", "s2"].map((id) => ({ ...cams("a", 1)[0], id, kind: "scanner" as const }) as Equipment);
    const pass = checkEquipment({ asOf: "2026-01-05", staffing: [{ bodyId: "a", officers: 0 }], devices: scanners });
    const empty = procurementList(pass._unsafeUnwrap(), { preparedBy: "甲局", preparedOn: "2026-01-06" });
    expect(empty.items).toEqual([]);
    expect(procurementListHtml(empty)).toContain("无采购需求");
  });
});
