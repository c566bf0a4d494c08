import { describe, expect, it } from "vitest";
import { testSigner } from "../kernel/signer-verify.js";
import { findRawIdentifiers } from "../kernel/wording.js";
import { bodies } from "../review/test-fixtures.js";
import { AuditLog } from "./audit-log.js";
import type { CaseEvent } from "./case-event.js";
import { assembleCaseFile, type CaseFile } from "./casefile.js";
import { caseFileHtml, catalogueRows, catalogueStep } from "./casefile-html.js";
import type { Stage } from "./vocabulary.js";

// Issue 16: the 卷内目录 has the columns an archive reader expects (序号, 文号, 责任者, 题名,
// 日期, 件号 in place of 页号, 备注), the 事先告知书 filed under 告知 (行政处罚法 Arts. 44–45),
// not 审查, and the content hashes in an appendix (附：电子数据校验值).

const signer = testSigner();
const actor = { id: "a", roles: ["officer" as const] };
let day = 0;
function ev(caseId: string, seq: number, stage: Stage, type: string, payload: Record<string, unknown> = {}): CaseEvent {
  day++;
  return { caseId, seq, type, at: `2026-03-${String(day).padStart(2, "0")}T02:00:00Z`, actor, stage, payload };
}

const CASE = "SPT-2026-001";
const REVIEW = `${CASE}.review`;
const DISCLOSURE = "disc-1";
const events: CaseEvent[] = [
  ev(CASE, 1, "filing", "case.filed", { bodyId: "spt", party: { kind: "organisation", name: "某律师事务所" } }),
  ev(CASE, 2, "investigation", "investigation.recorded", { action: "inquiry" }),
  ev(CASE, 3, "investigation", "investigation.closed"),
  ev(CASE, 4, "review", "notice.served"),
  ev(CASE, 5, "review", "hearing.requested"),
  ev(CASE, 6, "review", "hearing.held"),
  ev(REVIEW, 1, "review", "review.submitted", { caseId: CASE }),
  ev(REVIEW, 2, "review", "review.concluded"),
  ev(CASE, 7, "review", "review.approved", { reviewId: REVIEW }),
  ev(CASE, 8, "decision", "case.decided", { outcome: "penalty" }),
  ev(DISCLOSURE, 1, "decision", "disclosure.drafted", {
    draft: {
      caseId: CASE,
      bodyName: "中卫市沙坡头区司法局",
      content: { kind: "decision", documentNumber: "沙司罚决〔2026〕3号", agencyName: "中卫市沙坡头区司法局" },
    },
  }),
  ev(CASE, 9, "service", "decision.served"),
  ev(CASE, 10, "archiving", "case.archived"),
];

async function file(): Promise<CaseFile> {
  const log = AuditLog.restore(events)._unsafeUnwrap();
  const sth = (
    await log.signedTreeHead(signer, { logId: "bureau-1", timestamp: "2026-03-31T00:00:00Z" })
  )._unsafeUnwrap();
  return assembleCaseFile(log, CASE, sth)._unsafeUnwrap();
}

describe("卷内目录 — the archive's columns", () => {
  it("files the 事先告知书 under 告知, the hearing under 听证 and the review under 法制审核", async () => {
    const rows = catalogueRows(await file(), { bodies });
    const stepOf = (title: string) => rows.find((r) => r.title === title)?.step;
    expect(stepOf("行政处罚事先告知书")).toBe("告知");
    expect(stepOf("听证申请书")).toBe("听证");
    expect(stepOf("法制审核意见书")).toBe("法制审核");
    expect(stepOf("法制审核通过记录")).toBe("法制审核");
    expect(stepOf("立案审批表")).toBe("立案");
    expect(catalogueStep("case.decided", "decision")).toBe("决定");
  });

  it("takes 文号 from the record, 责任者 from the registry and the party, 件号 within its own record", async () => {
    const rows = catalogueRows(await file(), { bodies, documentNumbers: { "notice.served": "沙司罚告〔2026〕3号" } });
    const row = (title: string) => rows.find((r) => r.title === title);
    expect(row("行政处罚决定书")).toMatchObject({ documentNumber: "沙司罚决〔2026〕3号", item: 8, remark: "" });
    expect(row("行政处罚事先告知书")?.documentNumber).toBe("沙司罚告〔2026〕3号");
    expect(row("立案审批表")).toMatchObject({
      responsible: "中卫市沙坡头区司法局",
      documentNumber: "",
      date: "2026-03-01",
    });
    expect(row("听证申请书")?.responsible).toBe("某律师事务所");
    expect(row("法制审核意见书")).toMatchObject({ item: 2, remark: "法制审核" });
  });

  it("prints the columns, the organ as heading, official dates, and hashes only in the appendix", async () => {
    const f = await file();
    const html = caseFileHtml(f, { bodies });
    expect(html).toContain('<p class="organ">中卫市沙坡头区司法局</p>');
    expect(html).toContain(
      "<thead><tr><th>序号</th><th>文号</th><th>责任者</th><th>题名</th><th>日期</th><th>件号</th><th>备注</th></tr></thead>",
    );
    expect(html).toContain('<tr class="step"><td colspan="7">告知</td></tr>');
    expect(html).toContain("2026年3月1日");
    const [catalogue, appendix] = html.split("附：电子数据校验值");
    expect(appendix).toBeDefined();
    for (const e of f.catalogue) {
      const hex = Buffer.from(e.leafHash).toString("hex");
      expect(catalogue).not.toContain(hex);
      expect(appendix).toContain(hex);
    }
    expect(catalogue).not.toContain("事件序号");
    expect(catalogue).not.toContain("叶子");
    const text = (catalogue ?? "").replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
    expect(findRawIdentifiers(text)).toEqual([]);
    expect(text).not.toContain(REVIEW);
  });

  it("without a registry, the organ the decision's disclosure names; an explicit organ wins", async () => {
    const f = await file();
    expect(catalogueRows(f)[0]?.responsible).toBe("中卫市沙坡头区司法局");
    expect(caseFileHtml(f, { organName: "某机关" })).toContain('<p class="organ">某机关</p>');
  });
});
