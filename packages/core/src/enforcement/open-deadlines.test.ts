import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { addDays, dayNumber, fromDayNumber } from "../kernel/time.js";
import type { ProjectionRow } from "../recording/projection.js";
import { decideReview } from "../review/decide.js";
import { initialReviewState } from "../review/fold.js";
import { draft, materials, rctx, officerActor as reviewOfficer } from "../review/test-fixtures.js";
import { openDeadlines, openDeadlinesFrom } from "./open-deadlines.js";
import { createCase, inMemoryEventStore } from "./store.js";
import { ctxAt, fileCommand } from "./test-fixtures.js";

describe("openDeadlines (期限清单: every open deadline of the index, oldest first)", () => {
  it("行政处罚法第六十条 and the legal review's time limit, from one store, with names, lateness and filters", async () => {
    const store = inMemoryEventStore();
    (await createCase(store, "case-1", fileCommand, ctxAt("2025-03-03T02:00:00Z")))._unsafeUnwrap();
    const review = decideReview(
      initialReviewState("case-1.review"),
      { type: "review.submit", caseId: "case-1", draft, materials, handlingOfficerIds: ["a", "b"] },
      rctx("2025-06-03T02:00:00Z", reviewOfficer),
    )._unsafeUnwrap();
    (await store.append("case-1.review", 0, review))._unsafeUnwrap();

    const all = (await openDeadlines(store, { today: "2025-06-20" }))._unsafeUnwrap();
    expect(all.map((d) => [d.streamId, d.ruleId, d.name])).toEqual([
      ["case-1", "penalty.decision", expect.stringContaining("期限")],
      ["case-1.review", "review.timeLimit", "重大执法决定法制审核期限"],
    ]);
    const [decision, limit] = all;
    // Filed 2025-03-03: 90 days → Sunday 2025-06-01, in the 端午 break (05-31 – 06-02): 06-03.
    expect(decision).toMatchObject({
      due: "2025-06-03",
      source: { law: "行政处罚法", article: 60 },
      setBy: "case.filed",
      overdue: true,
      daysOverdue: 17,
    });
    expect(limit).toMatchObject({
      due: "2025-06-12",
      overdue: true,
      daysOverdue: 8,
      reviewOf: "case-1",
      provisional: false,
    });

    const onDue = (await openDeadlines(store, { today: "2025-06-12", streamPrefix: "case-1.review" }))._unsafeUnwrap();
    expect(onDue).toEqual([expect.objectContaining({ ruleId: "review.timeLimit", overdue: false, daysOverdue: 0 })]);
    const dueByMay = (await openDeadlines(store, { today: "2025-05-01", dueBy: "2025-06-05" }))._unsafeUnwrap();
    expect(dueByMay.map((d) => d.streamId)).toEqual(["case-1"]);
    const late = (await openDeadlines(store, { today: "2025-06-05", overdueOnly: true }))._unsafeUnwrap();
    expect(late.map((d) => d.streamId)).toEqual(["case-1"]);
  });

  it("a row without the index's shape is STORE_CORRUPT, never left off", () => {
    const bad: ProjectionRow = {
      projection: "deadlines",
      count: 0,
      key: "x/penalty.decision",
      sortKey: "2025-01-01",
      value: { caseId: "x" },
      position: 1,
    };
    expect(openDeadlinesFrom([bad], { today: "2025-01-01" })._unsafeUnwrapErr().code).toBe("STORE_CORRUPT");
  });

  const rowArb = fc
    .record({
      stream: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
      rule: fc.constantFrom(
        "penalty.decision",
        "penalty.service",
        "review.timeLimit",
        "coercion.seizure",
        "enforcement.courtApplication",
      ),
      day: fc.integer({ min: dayNumber("2019-01-01"), max: dayNumber("2026-12-31") }),
      measure: fc.option(fc.stringMatching(/^m[0-9]$/), { nil: undefined }),
    })
    .map(
      ({ stream, rule, day, measure }): ProjectionRow => ({
        projection: "deadlines",
        count: 0,
        key: `${stream}/${rule}${measure === undefined ? "" : `/${measure}`}`,
        sortKey: fromDayNumber(day),
        value: {
          caseId: stream,
          ruleId: rule,
          due: fromDayNumber(day),
          source: { law: "行政处罚法", article: 60 },
          provisional: false,
          setBy: "case.filed",
        },
        position: 1,
      }),
    );

  test.prop([
    fc.uniqueArray(rowArb, { selector: (r) => r.key, maxLength: 30 }),
    fc.integer({ min: dayNumber("2019-01-01"), max: dayNumber("2026-12-31") }),
  ])("nothing lost, oldest due first, overdue exactly when today is past the due day", (rows, todayN) => {
    const today = fromDayNumber(todayN);
    const list = openDeadlinesFrom(rows, { today })._unsafeUnwrap();
    expect(list.map((d) => d.key).sort()).toEqual(rows.map((r) => r.key).sort());
    for (let i = 1; i < list.length; i++) expect((list[i - 1]?.due ?? "") <= (list[i]?.due ?? "")).toBe(true);
    for (const d of list) {
      expect(d.overdue).toBe(d.due < today);
      if (d.overdue) expect(addDays(d.due, d.daysOverdue)).toBe(today);
      else expect(d.daysOverdue).toBe(0);
      if (d.key.split("/").length === 3) expect(d.measureId).toBe(d.key.split("/")[2]);
    }
    const late = openDeadlinesFrom(rows, { today, overdueOnly: true })._unsafeUnwrap();
    expect(late).toEqual(list.filter((d) => d.overdue));
  });

  test.prop([
    fc.uniqueArray(rowArb, { selector: (r) => r.key, maxLength: 30 }),
    fc.integer({ min: dayNumber("2019-01-01"), max: dayNumber("2026-12-31") }),
    fc.integer({ min: 0, max: 90 }),
  ])(
    "closing soon exactly when not overdue and within the rule's warning days (行政强制法第五十三条: the court window, 30 days by default)",
    (rows, todayN, days) => {
      const today = fromDayNumber(todayN);
      for (const [warnings, warnOf] of [
        [undefined, (r: string) => (r === "enforcement.courtApplication" ? 30 : 0)],
        [
          { "penalty.decision": days },
          (r: string) => (r === "enforcement.courtApplication" ? 30 : r === "penalty.decision" ? days : 0),
        ],
      ] as const) {
        const list = openDeadlinesFrom(rows, {
          today,
          ...(warnings === undefined ? {} : { warnings }),
        })._unsafeUnwrap();
        for (const d of list) {
          if (!d.overdue) expect(addDays(today, d.daysLeft)).toBe(d.due);
          else expect(d.daysLeft).toBe(0);
          const w = warnOf(d.ruleId);
          expect(d.closingSoon).toBe(!d.overdue && w > 0 && d.daysLeft <= w);
          expect(d.warning !== undefined).toBe(d.closingSoon);
          if (d.closingSoon) expect(d.warning).toContain(d.due);
        }
        const soon = openDeadlinesFrom(rows, {
          today,
          closingSoonOnly: true,
          ...(warnings === undefined ? {} : { warnings }),
        })._unsafeUnwrap();
        expect(soon).toEqual(list.filter((d) => d.closingSoon));
      }
    },
  );
});
