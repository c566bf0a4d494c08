import { describe, expect, it } from "vitest";
import { importDocumentText } from "./document.js";

const META = {
  id: "sample-plan",
  title: "示例工作方案",
  shortTitle: "示例工作方案",
  level: "normativeDocument",
  issuer: "示例局",
  effectiveFrom: "2017-06-01",
} as const;

describe("importDocumentText", () => {
  it("labels numbered sections by their path, as the pilot plan's sources cite them (二（三）（3）)", () => {
    const text =
      "示例工作方案\n\n一、目标任务\n\n正文。\n\n二、工作任务\n\n（三）推行法制审核制度。\n\n正文\n\n（3）法制审核范围。确定人员。\n";
    const law = importDocumentText(text, META)._unsafeUnwrap();
    expect(law.sections).toEqual([
      { label: "一", heading: "目标任务" },
      { label: "二", heading: "工作任务" },
      { label: "二（三）", heading: "推行法制审核制度" },
      { label: "二（三）（3）", heading: "法制审核范围" },
    ]);
    expect(law.articles).toEqual([]);
  });

  it("refuses a text without numbered sections, or a label twice", () => {
    expect(importDocumentText("没有编号", META).isErr()).toBe(true);
    expect(importDocumentText("一、甲\n一、乙\n", META).isErr()).toBe(true);
  });
});
