import { describe, expect, it } from "vitest";
import { chinaCalendar } from "../calendar/work-calendar.js";
import type { ProjectionRow } from "../recording/projection.js";
import { disclosureObligationsFrom } from "./obligations.js";

const calendar = chinaCalendar();
const row = (key: string, value: Record<string, unknown>): ProjectionRow => ({
  projection: "disclosure-queue",
  key,
  sortKey: typeof value.decidedOn === "string" ? value.decidedOn : null,
  value,
  count: 0,
  position: 1,
});
// Decided on Monday 2025-03-10: 7 working days → Wednesday 03-19.
const simplified = row("sp-1", {
  caseId: "sp-1",
  decidedOn: "2025-03-10",
  seq: 1,
  penalty: { kinds: ["fine"], fineFen: 5_000 },
  category: "penalty",
  procedure: "simplified",
});
const coercion = row("c7:m1", {
  caseId: "c7",
  decidedOn: "2025-03-10",
  seq: 3,
  penalty: null,
  category: "coercion",
  procedure: "seizure",
  measureId: "m1",
});
const inspection = row("insp-1", {
  caseId: "insp-1",
  decidedOn: "2025-03-10",
  seq: 3,
  penalty: null,
  category: "inspection",
  procedure: "randomInspection",
});
const oldShape = row("c1", { caseId: "c1", decidedOn: "2025-03-10", seq: 7, penalty: { kinds: ["warning", "fine"] } });

const obligations = (
  queue: ProjectionRow[],
  extra: { policy?: { sector: string }; deadlines?: ProjectionRow[] } = {},
) =>
  disclosureObligationsFrom({
    queue,
    deadlines: extra.deadlines ?? [],
    calendar,
    today: "2025-03-20",
    ...(extra.policy === undefined ? {} : { policy: extra.policy }),
  })._unsafeUnwrap();

describe("disclosure obligations of other streams (国办发〔2018〕118号)", () => {
  it("国办发〔2018〕118号: a simplified penalty decision is a 7-working-day duty by default", () => {
    expect(obligations([simplified])).toEqual([
      expect.objectContaining({
        duty: "publish",
        caseId: "sp-1",
        ruleId: "disclosure.licencePenalty",
        due: "2025-03-19",
        overdue: true,
        daysOverdue: 1,
      }),
    ]);
  });

  it("市场监督管理行政处罚信息公示规定第二条第一款: none under the samr sector; the old-shape ordinary row still is one", () => {
    const samr = obligations([simplified, oldShape], { policy: { sector: "samr" } });
    expect(samr.map((o) => o.caseId)).toEqual(["c1"]);
    expect(samr[0]?.ruleId).toBe("disclosure.licencePenalty"); // 118号's 7, stricter than SAMR Art. 9's 20
  });

  it("国办发〔2018〕118号: a coercion decision and an inspection result are 20-working-day duties", () => {
    const out = obligations([coercion, inspection]);
    expect(out).toEqual([
      expect.objectContaining({ caseId: "c7", measureId: "m1", ruleId: "disclosure.general", overdue: false }),
      expect.objectContaining({ caseId: "insp-1", ruleId: "disclosure.general", overdue: false }),
    ]);
    const due = out[0]?.due;
    expect(out[1]?.due).toBe(due);
    // 20 working days from Monday 2025-03-10, 清明 (Friday 04-04) a holiday: Tuesday 04-08.
    expect(due).toBe("2025-04-08");
    expect(out[0]?.source.law).toBe("国办发〔2018〕118号");
  });

  it("an old-shape row (no category) is an ordinary penalty decision: 7 working days (国办发〔2018〕118号)", () => {
    expect(obligations([oldShape])).toEqual([
      expect.objectContaining({ caseId: "c1", ruleId: "disclosure.licencePenalty", due: "2025-03-19" }),
    ]);
  });

  it("listed once: a drafted measure's disclosure, or an inspection case's own publication deadline, comes from the index", () => {
    const deadline = (streamId: string, due: string): ProjectionRow => ({
      projection: "deadlines",
      key: `${streamId}/disclosure.general`,
      sortKey: due,
      value: {
        caseId: streamId,
        ruleId: "disclosure.general",
        due,
        source: { law: "国办发〔2018〕118号", confidence: "C" },
        provisional: false,
      },
      count: 0,
      position: 2,
    });
    const out = obligations([coercion, inspection], {
      deadlines: [deadline("gs-decision-c7:m1", "2025-04-07"), deadline("insp-1", "2025-04-02")],
    });
    expect(out.map((o) => o.disclosureId ?? o.caseId)).toEqual(["insp-1", "gs-decision-c7:m1"]);
  });
});
